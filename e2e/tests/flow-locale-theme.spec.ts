import type { Frame, Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { maximoSandbox, openInline } from '../flows';
import { createSession, expectAllGerman, openHostPage } from './flow-support';

const flowFrame = (page: Page): Frame => {
  const frame = page.frames().find((f) => f.url().includes('/connect'));
  if (!frame) throw new Error('no flow frame');
  return frame;
};

test('German: the session’s locale, every step in German, validation and errors included', async ({
  page,
  stack,
}) => {
  const { url, apiKey } = maximoSandbox(stack);
  const flow = await openHostPage(page, await createSession(stack, { locale: 'de' }));
  await expect(flow.getByRole('heading', { name: 'Welches System nutzt Ihr Unternehmen?' })).toBeVisible();
  await expect(flow.locator('[lang="de"]').first()).toBeVisible();
  const german = (step: string) => expectAllGerman(flowFrame(page), step);
  await german('catalog');
  await flow.getByRole('searchbox', { name: 'Systeme suchen' }).fill('kein solches system');
  await expect(flow.getByRole('button', { name: 'Anfragen' })).toBeVisible();
  await german('catalog without a match');
  await flow.getByRole('searchbox', { name: 'Systeme suchen' }).fill('maximo');
  await flow.getByRole('button', { name: 'IBM Maximo' }).click();
  await expect(flow.getByRole('heading', { name: 'IBM Maximo verbinden' })).toBeVisible();
  await expect(flow.getByText('Schritt 2 von 4: Angaben')).toBeVisible();
  await flow.getByRole('radio', { name: 'API key' }).check();
  const address = flow.getByRole('textbox', { name: 'Maximo address' });
  await address.fill('ftp://maximo.example.com');
  await address.blur();
  await expect(flow.getByText(/^Die Adresse muss mit https:\/\/ beginnen/)).toBeVisible();
  await address.fill(`${url}/maximo/ui/?event=loadapp`);
  await expect(flow.getByText(`Wir verwenden ${url}`)).toBeVisible();
  await expect(flow.getByText(/^Das ist IBM Maximo/)).toBeVisible({ timeout: 20_000 });
  await flow.getByRole('button', { name: 'Verbinden', exact: true }).click();
  await expect(flow.getByText('API key ist erforderlich.')).toBeVisible();
  await german('form with a validation message');
  // The hand-off screen, and back.
  await flow.getByRole('button', { name: 'Ich habe diese Zugangsdaten nicht' }).click();
  await expect(flow.getByRole('textbox', { name: 'Link für Ihre IT-Administration' })).toHaveValue(/#flh_/);
  await german('hand-off');
  await flow.getByRole('button', { name: 'Zugangsdaten selbst eingeben' }).click();
  // A key Maximo does not know (each journey its own, so the lockout guard never adds up across them).
  await flow.getByRole('textbox', { name: 'API key' }).fill('maximo-unknown-key-de');
  await flow.getByRole('button', { name: 'Verbinden', exact: true }).click();
  await expect(flow.getByRole('heading', { name: 'Die Verbindung ist fehlgeschlagen' })).toBeVisible({
    timeout: 30_000,
  });
  // The catalog's German text for the code, not the connector's English message.
  const alert = flow.locator('[data-error-code]');
  await expect(alert).toContainText(
    /^Ihr System hat diese Zugangsdaten abgelehnt|^Dieser Schlüssel ist abgelaufen/,
  );
  await expect(alert).toContainText('Abgebrochen bei „Anmelden“.');
  await german('failure');
  await flow.getByRole('button', { name: 'Erneut versuchen' }).click();
  await flow.getByRole('textbox', { name: 'API key' }).fill(apiKey);
  await flow.getByRole('button', { name: 'Verbinden', exact: true }).click();
  const done = flow.getByRole('region', { name: 'Verbunden' });
  await expect(done).toBeVisible({ timeout: 30_000 });
  await expect(done).toContainText('IBM Maximo ist verbunden.');
  await expect(done.getByText('Angemeldet als')).toBeVisible();
  await german('success');
});

test('dark theme: the host asks for it, and the flow and its page go dark', async ({ page, stack }) => {
  const flow = await openHostPage(page, await createSession(stack), {
    theme: { mode: 'dark', primary_color: '#0f766e' },
  });
  await expect(flow.getByRole('heading', { name: 'Which system does your company use?' })).toBeVisible();
  const colours = await flowFrame(page).evaluate(() => {
    const root = document.querySelector<HTMLElement>('.flange-root');
    const button = document.querySelector<HTMLElement>('.fl-system');
    return {
      theme: root?.dataset['theme'],
      background: root ? getComputedStyle(root).backgroundColor : '',
      text: root ? getComputedStyle(root).color : '',
      page: getComputedStyle(document.body).backgroundColor,
      primary: root ? getComputedStyle(root).getPropertyValue('--fl-primary').trim() : '',
      button: button ? getComputedStyle(button).backgroundColor : '',
    };
  });
  expect(colours).toEqual({
    theme: 'dark',
    background: 'rgb(17, 24, 39)',
    text: 'rgb(241, 245, 249)',
    page: 'rgb(17, 24, 39)',
    primary: '#0f766e',
    button: 'rgb(17, 24, 39)',
  });
});

test('system theme follows the device’s dark mode', async ({ page, stack }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openHostPage(page, await createSession(stack), { theme: { mode: 'system' } });
  await expect
    .poll(() =>
      flowFrame(page).evaluate(() => {
        const root = document.querySelector('.flange-root');
        return root ? getComputedStyle(root).backgroundColor : '';
      }),
    )
    .toBe('rgb(17, 24, 39)');
});

for (const where of ['inline', 'hosted'] as const) {
  test(`360 px wide (${where}): every step fits without sideways scrolling, and the flow completes`, async ({
    page,
    stack,
  }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    const { url, apiKey } = maximoSandbox(stack);
    const flow =
      where === 'inline' ? await openInline(page) : await openHostPage(page, await createSession(stack));
    // The widget's own box never scrolls sideways (the inline widget's shadow host, or the hosted page).
    const overflow = () =>
      where === 'inline'
        ? page.evaluate(() => {
            const host = document.querySelector<HTMLElement>('[data-flange-host]');
            const root = host?.shadowRoot?.querySelector<HTMLElement>('.flange-root');
            return root ? root.scrollWidth - root.clientWidth : -1;
          })
        : flowFrame(page).evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
    await expect(flow.getByRole('searchbox', { name: 'Search systems' })).toBeVisible();
    expect(await overflow()).toBe(0);
    await flow.getByRole('searchbox', { name: 'Search systems' }).fill('maximo');
    await flow.getByRole('button', { name: 'IBM Maximo' }).click();
    await flow.getByRole('radio', { name: 'API key' }).check();
    await flow.getByRole('textbox', { name: 'Maximo address' }).fill(url);
    await expect(flow.getByText(/^This is IBM Maximo/)).toBeVisible({ timeout: 20_000 });
    expect(await overflow()).toBe(0);
    // The hand-off screen, with its long link.
    await flow.getByRole('button', { name: 'I don’t have these credentials' }).click();
    await expect(flow.getByRole('textbox', { name: 'Link for your IT admin' })).toHaveValue(/#flh_/);
    expect(await overflow()).toBe(0);
    await flow.getByRole('button', { name: 'Enter the credentials myself' }).click();
    // A failure, with its checklist, message and guidance.
    const key = flow.getByRole('textbox', { name: 'API key' });
    await key.fill(`maximo-unknown-key-360-${where}`);
    const connect = flow.getByRole('button', { name: 'Connect', exact: true });
    const box = await connect.boundingBox();
    // Targets stay finger-sized (WCAG 2.5.8 asks 24 px; we give 44).
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    await connect.click();
    await expect(flow.getByRole('heading', { name: 'We couldn’t connect' })).toBeVisible({ timeout: 30_000 });
    expect(await overflow()).toBe(0);
    await flow.getByRole('button', { name: 'Try again' }).click();
    await key.fill(apiKey);
    await connect.click();
    await expect(flow.getByRole('region', { name: 'Connected', exact: true })).toBeVisible({
      timeout: 30_000,
    });
    expect(await overflow()).toBe(0);
  });
}

test.describe('German inline', () => {
  test.use({ locale: 'de-DE' });

  test('German inline: the browser’s language, its messages fetched from the Flange API', async ({
    page,
  }) => {
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/v1/connect/locales/')) asked.push(new URL(r.url()).pathname);
    });
    const flow = await openInline(page);
    await expect(flow.getByRole('heading', { name: 'Welches System nutzt Ihr Unternehmen?' })).toBeVisible();
    await flow.getByRole('searchbox', { name: 'Systeme suchen' }).fill('maximo');
    await flow.getByRole('button', { name: 'IBM Maximo' }).click();
    await expect(flow.getByRole('heading', { name: 'IBM Maximo verbinden' })).toBeVisible();
    await expect(flow.getByText('Schritt 2 von 4: Angaben')).toBeVisible();
    // One request, cross-origin from the host page, and the host's bundle carried no German.
    expect(asked).toEqual(['/v1/connect/locales/de']);
  });
});
