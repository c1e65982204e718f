// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { ErrorCode } from '@flange/protocol';
import { en } from './en';
import { de } from './de';
import { resolveLocale } from './translate';
import { renderFlow } from '../test/render';
import { badKey, session, steps } from '../test/fixtures';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  it('German has every English key, none empty, with the same placeholders', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      const german = de[key as keyof typeof en];
      expect(german.trim(), key).not.toBe('');
      expect(placeholders(german), key).toEqual(placeholders(text));
    }
  });

  it('has a message for every error code', () => {
    for (const code of ErrorCode.options) {
      expect(en[`error.${code}`], code).toBeTruthy();
      expect(de[`error.${code}`], code).toBeTruthy();
    }
  });

  it('takes the locale from the prop, then the session, then the browser', () => {
    expect(resolveLocale('de', 'en', ['en-US'])).toBe('de');
    expect(resolveLocale(undefined, 'de', ['en-US'])).toBe('de');
    expect(resolveLocale(undefined, null, ['fr-FR', 'de-AT', 'en'])).toBe('de');
    expect(resolveLocale(undefined, null, ['fr-FR'])).toBe('en');
  });
});

describe('the flow in German', () => {
  it('validates, probes and fails in German, marking the connector’s English text as English', async () => {
    const r = renderFlow({ session: { ...session, locale: 'de' }, attempts: [[...steps(4), badKey]] });
    await r.user.click(await screen.findByRole('button', { name: 'IBM Maximo' }));
    await screen.findByRole('heading', { name: 'IBM Maximo verbinden' });
    expect(screen.getByText('Schritt 2 von 4: Angaben')).toBeTruthy();
    const url = screen.getByLabelText('Instance URL');
    await r.user.type(url, 'ftp://maximo.example.com');
    await r.user.tab();
    expect(
      screen.getByText(
        'Die Adresse muss mit https:// beginnen (oder http:// für einen Server in Ihrem Netzwerk).',
      ),
    ).toBeTruthy();
    await r.user.clear(url);
    await r.user.type(url, 'https://maximo.example.com/maximo/ui/?event=loadapp');
    expect(screen.getByText('Wir verwenden https://maximo.example.com')).toBeTruthy();
    await screen.findByText('Das ist IBM Maximo 7.6.1.3.', {}, { timeout: 3000 });
    await r.user.click(screen.getByRole('button', { name: 'Verbinden' }));
    expect(screen.getByText('API key ist erforderlich.')).toBeTruthy();
    await r.user.type(screen.getByLabelText('API key'), 'kurz');
    expect(screen.getByText('API key hat mindestens 8 Zeichen.')).toBeTruthy();
    await r.user.type(screen.getByLabelText('API key'), '-falsch-123');
    await r.user.click(screen.getByRole('button', { name: 'Verbinden' }));
    await screen.findByRole('heading', { name: 'Die Verbindung ist fehlgeschlagen' });
    expect(
      screen.getByText(
        'Ihr System hat diese Zugangsdaten abgelehnt. Prüfen Sie sie und versuchen Sie es erneut.',
      ),
    ).toBeTruthy();
    expect(screen.getByText('Abgebrochen bei „Anmelden“.')).toBeTruthy();
    // The connector's guidance is English and says so.
    expect(screen.getByRole('region', { name: 'Create a new API key' }).getAttribute('lang')).toBe('en');
    await r.user.click(screen.getByRole('button', { name: 'Erneut versuchen' }));
    await waitFor(() => expect(screen.getByText('Prüfen Sie diesen Wert.')).toBeTruthy());
  }, 30_000);

  it('speaks German from the prop over an English session', async () => {
    renderFlow({ session: { ...session, locale: 'en' } }, { locale: 'de' });
    expect(await screen.findByLabelText('Systeme suchen')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Welches System nutzt Ihr Unternehmen?' })).toBeTruthy();
    expect(document.querySelector('[lang="de"]')).toBeTruthy();
  });
});
