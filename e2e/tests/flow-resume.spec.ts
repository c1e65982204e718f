import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { maximoSandbox } from '../flows';
import { createSession, expectNoSecretStored, openHostPage } from './flow-support';

/** The session now knows where the user is (the widget saves it a moment after each change). */
function positionSaved(page: Page, text: string) {
  return page.waitForRequest(
    (r) =>
      r.url().endsWith('/v1/connect/position') &&
      r.method() === 'POST' &&
      (r.postData() ?? '').includes(text),
  );
}

test('reload mid-flow and a new tab: back on the same form with the address, never a secret', async ({
  page,
  context,
  stack,
}) => {
  const { url } = maximoSandbox(stack);
  const session = await createSession(stack);
  let flow = await openHostPage(page, session);
  await flow.getByRole('searchbox', { name: 'Search systems' }).fill('maximo');
  await flow.getByRole('button', { name: 'IBM Maximo' }).click();
  await flow.getByRole('radio', { name: 'User name and password' }).check();
  const saved = positionSaved(page, 'maxadmin');
  await flow.getByRole('textbox', { name: 'Maximo address' }).fill(url);
  await flow.getByRole('textbox', { name: 'User name' }).fill('maxadmin');
  await flow.getByRole('textbox', { name: 'Password' }).fill('secret-canary-5531');
  await saved;
  await expectNoSecretStored(page, ['secret-canary-5531']);

  // The host page reloads (it keeps its session token): the same step, the same non-secret values.
  await page.reload();
  flow = page.frameLocator('iframe[title="Connect your system"]');
  await expect(flow.getByRole('heading', { name: 'Connect IBM Maximo' })).toBeVisible();
  await expect(flow.getByRole('radio', { name: 'User name and password' })).toBeChecked();
  await expect(flow.getByRole('textbox', { name: 'Maximo address' })).toHaveValue(url);
  await expect(flow.getByRole('textbox', { name: 'User name' })).toHaveValue('maxadmin');
  await expect(flow.getByRole('textbox', { name: 'Password' })).toHaveValue('');

  // A new tab on the same link.
  const tab = await context.newPage();
  await tab.goto(page.url());
  const tabFlow = tab.frameLocator('iframe[title="Connect your system"]');
  await expect(tabFlow.getByRole('heading', { name: 'Connect IBM Maximo' })).toBeVisible();
  await expect(tabFlow.getByRole('textbox', { name: 'Maximo address' })).toHaveValue(url);
  await tabFlow.getByRole('textbox', { name: 'Password' }).fill('pass_good');
  await tabFlow.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(tabFlow.getByRole('region', { name: 'Connected' })).toBeVisible({ timeout: 30_000 });
  await expectNoSecretStored(tab, ['pass_good', 'secret-canary-5531']);
});

test('reload during validation: the live checklist comes back, and then the outcome', async ({
  page,
  stack,
}) => {
  const { url } = maximoSandbox(stack);
  const session = await createSession(stack);
  let flow = await openHostPage(page, session);
  await flow.getByRole('searchbox', { name: 'Search systems' }).fill('maximo');
  await flow.getByRole('button', { name: 'IBM Maximo' }).click();
  await flow.getByRole('radio', { name: 'API key' }).check();
  await flow.getByRole('textbox', { name: 'Maximo address' }).fill(url);
  // The simulator's slow key: sign-in hangs until the pipeline's own timeout.
  await flow.getByRole('textbox', { name: 'API key' }).fill('maximo-slow-key');
  await flow.getByRole('button', { name: 'Connect', exact: true }).click();
  const steps = flow.getByRole('list', { name: 'Validation steps' });
  await expect(steps.getByRole('listitem').filter({ hasText: 'Sign in' })).toContainText('in progress', {
    timeout: 20_000,
  });

  await page.reload();
  flow = page.frameLocator('iframe[title="Connect your system"]');
  await expect(flow.getByRole('heading', { name: 'Checking your connection' })).toBeVisible();
  await expect(
    flow
      .getByRole('list', { name: 'Validation steps' })
      .getByRole('listitem')
      .filter({ hasText: 'Find the server' }),
  ).toContainText('done');
  await expect(flow.getByRole('heading', { name: 'We couldn’t connect' })).toBeVisible({ timeout: 45_000 });
  await expect(flow.locator('[data-error-code="UPSTREAM_TIMEOUT"]')).toBeVisible();
});
