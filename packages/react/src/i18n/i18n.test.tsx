// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { de } from '@flange/protocol/i18n/de';
import { enCore } from '@flange/protocol/i18n/en-core';
import { en } from '@flange/protocol/i18n/en';
import { explainField, judgeField } from '@flange/protocol';
import type { FieldSpec } from '@flange/protocol';
import { fieldText } from './localize';
import { createTranslate, loadMessages, resolveLocale } from './translate';
import { renderFlow } from '../test/render';
import { badKey, session, steps } from '../test/fixtures';
import { createStandInApi } from '../test/stand-in-api';

describe('languages', () => {
  it('takes the locale from the prop, then the session, then the browser', () => {
    expect(resolveLocale('de', 'en', ['en-US'])).toBe('de');
    expect(resolveLocale(undefined, 'de', ['en-US'])).toBe('de');
    expect(resolveLocale(undefined, null, ['fr-FR', 'de-AT', 'en'])).toBe('de');
    expect(resolveLocale(undefined, null, ['fr-FR'])).toBe('en');
  });

  it('fetches other languages from the API base, without a token, and keeps them', async () => {
    const stand = createStandInApi();
    const source = { apiBase: 'https://api.fetch.test/', fetch: stand.fetch };
    expect(await loadMessages('de', 'core', source)).toEqual(de);
    expect(await loadMessages('de', 'all', source)).toEqual(de);
    expect(stand.requests.map((r) => r.path)).toEqual(['/v1/connect/locales/de']);
    expect(stand.requests[0]?.headers.get('authorization')).toBeNull();
  });

  it('falls back to English when the language cannot be loaded or is not a catalog', async () => {
    for (const [n, locales] of [{}, { de: ['Hallo'] }, { de: { loading: 1 } }, { de: 'Hallo' }].entries()) {
      const stand = createStandInApi({ locales });
      const messages = await loadMessages('de', 'core', {
        apiBase: `https://api${n}.test`,
        fetch: stand.fetch,
      });
      expect(messages.loading).toBe(enCore.loading);
    }
    const offline = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    const messages = await loadMessages('de', 'all', { apiBase: 'https://offline.test', fetch: offline });
    expect(messages['form.submit']).toBe('Connect');
  });

  it('words a refused value as the server would in English, from the catalog in German', () => {
    const own: FieldSpec = { key: 'k', label: 'Key', kind: 'secret', required: true, pattern: '^mac' };
    const fiix: FieldSpec = { ...own, pattern_message: 'Fiix keys start with macmms.' };
    const client: FieldSpec = {
      key: 'c',
      label: 'Client',
      kind: 'text',
      required: true,
      format: 'sap_client',
    };
    for (const [field, value] of [
      [fiix, 'nope'],
      [own, 'nope'],
      [client, '1000'],
      [own, ''],
    ] as const) {
      const judged = judgeField(field, value);
      const explained = explainField(field, value);
      if (judged.ok || explained.ok) throw new Error('expected a refusal');
      expect(fieldText(field, judged, createTranslate(en), 'en')).toBe(explained.message);
      expect(fieldText(field, judged, createTranslate(de), 'de')).toBe(
        createTranslate(de)(`field.${judged.problem}`, judged.params),
      );
    }
  });

  it('reads a key the server’s catalog lacks in English', async () => {
    const stand = createStandInApi({ locales: { de: { loading: 'Lädt…' } } });
    const messages = await loadMessages('de', 'core', {
      apiBase: 'https://partial.test',
      fetch: stand.fetch,
    });
    expect(messages.loading).toBe('Lädt…');
    expect(messages['header.close']).toBe(enCore['header.close']);
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
