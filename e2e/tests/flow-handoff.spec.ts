import { expect, test } from '../fixtures';
import { chooseMaximo, expectDemoStatus, maximoSandbox, openModal } from '../flows';
import { expectNoSecretStored, watchedContext } from './flow-support';

test('hand-off: the end user sends a one-time link, the IT admin connects in another browser, and Acme is told', async ({
  page,
  browser,
  stack,
}) => {
  const { url, apiKey } = maximoSandbox(stack);
  const flow = await openModal(page);
  await chooseMaximo(flow);
  await flow.getByRole('radio', { name: 'API key' }).check();
  await flow.getByRole('textbox', { name: 'Maximo address' }).fill(url);
  await flow.getByRole('button', { name: 'I don’t have these credentials' }).click();
  await expect(flow.getByRole('heading', { name: 'Ask your IT admin to finish' })).toBeFocused();
  const linkBox = flow.getByRole('textbox', { name: 'Link for your IT admin' });
  await expect(linkBox).toHaveValue(/#flh_/);
  const link = await linkBox.inputValue();
  // The secret is in the fragment: the part of a URL no server ever receives.
  const parsed = new URL(link);
  expect(`${parsed.origin}${parsed.pathname}`).toBe(`${stack.flange_url}/connect`);
  expect(parsed.search).toBe('');
  expect(parsed.hash).toMatch(/^#flh_[0-9A-Za-z]{43}$/);
  await expect(flow.getByText('Waiting for your IT admin to open the link…')).toBeVisible();

  // The IT admin, in another browser with nothing of the end user's.
  const adminContext = await browser.newContext();
  const adminWatch = await watchedContext(adminContext);
  const admin = await adminContext.newPage();
  const sent: string[] = [];
  admin.on('request', (r) => sent.push(r.url()));
  await admin.goto(link);
  await expect(admin.getByRole('heading', { name: 'Connect IBM Maximo' })).toBeVisible();
  await expect(
    admin.getByText('Dana Whitfield asked you to connect IBM Maximo for Acme Reliability.'),
  ).toBeVisible();
  // The spent secret left the address bar at once; no request ever carried it in its URL.
  expect(admin.url()).not.toContain('flh_');
  expect(sent.filter((u) => u.includes('flh_'))).toEqual([]);
  await expect(admin.getByRole('textbox', { name: 'Maximo address' })).toHaveValue(url);
  await expect(admin.getByRole('button', { name: 'I don’t have these credentials' })).toHaveCount(0);

  await expect(flow.getByText('Your IT admin opened the link.')).toBeVisible({ timeout: 15_000 });
  await admin.getByRole('textbox', { name: 'API key' }).fill(apiKey);
  await admin.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(
    admin.getByText(/Thank you\. Dana Whitfield and Acme Reliability can use the connection now/),
  ).toBeVisible({
    timeout: 30_000,
  });
  await expectNoSecretStored(admin, [apiKey]);

  // The end user's own widget finishes by itself, and Acme's backend got the connection as usual.
  await expect(flow.getByText('Your IT admin connected IBM Maximo.')).toBeVisible({ timeout: 15_000 });
  await expectDemoStatus(page, url);
  await flow.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('dialog', { name: 'Connect your system' })).toHaveCount(0);
  await page.getByText(/Widget events received by Acme/).click();
  const events = page.getByRole('group').filter({ hasText: 'Widget events received by Acme' });
  await expect(events.getByText('HANDOFF', { exact: true }).first()).toBeVisible();
  await expect(events.getByText('SUCCESS', { exact: true })).toHaveCount(1);

  // The link works once.
  const again = await adminContext.newPage();
  await again.goto(link);
  await expect(again.getByRole('alert')).toContainText(/already opened|only once/);
  await adminWatch.settle();
  expect(adminWatch.leaks, 'a connection token reached the admin’s browser').toEqual([]);
  await adminContext.close();
});
