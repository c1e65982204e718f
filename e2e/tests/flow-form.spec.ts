import { expect, test } from '../fixtures';
import { chooseMaximo, expectDemoStatus, expectFlowSuccess, maximoSandbox, openInline } from '../flows';

test('paste a URL: a Maximo browser-tab address becomes its base URL, and the probe names the product', async ({
  page,
  context,
  stack,
}) => {
  const { url } = maximoSandbox(stack);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const flow = await openInline(page);
  await chooseMaximo(flow);
  const address = flow.getByRole('textbox', { name: 'Maximo address' });
  const pasted = `${url}/maximo/ui/?event=loadapp&value=wotrack&uisessionid=42#top`;
  await page.evaluate((text) => navigator.clipboard.writeText(text), pasted);
  await address.focus();
  await page.keyboard.press('Control+V');
  await expect(address).toHaveValue(pasted);
  await expect(flow.getByText(`We will use ${url}`)).toBeVisible();
  // Before any password: it answers, and it is Maximo (with its version).
  await expect(flow.getByText(/^This is IBM Maximo/)).toBeVisible({ timeout: 20_000 });
});

test('wrong product: another system’s address is flagged before a password is typed, and fixed in place', async ({
  page,
  stack,
}) => {
  const { url, apiKey } = maximoSandbox(stack);
  const sap = stack.systems['sap-s4hana-cloud']?.url;
  if (!sap) throw new Error('no SAP simulator');
  const flow = await openInline(page);
  await chooseMaximo(flow);
  const address = flow.getByRole('textbox', { name: 'Maximo address' });
  await address.fill(sap);
  await expect(flow.getByText('This address answers, but it is not IBM Maximo.')).toBeVisible({
    timeout: 20_000,
  });

  // Connecting anyway stops at “Identify the product”, with the address at fault.
  await flow.getByRole('textbox', { name: 'API key' }).fill(apiKey);
  await flow.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(flow.getByRole('heading', { name: 'We couldn’t connect' })).toBeVisible({ timeout: 30_000 });
  await expect(flow.locator('[data-error-code="WRONG_PRODUCT"]')).toBeVisible();
  await flow.getByRole('checkbox', { name: 'Keep the secrets I typed' }).check();
  await flow.getByRole('button', { name: 'Try again' }).click();
  await expect(address).toBeFocused();
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(flow.getByRole('textbox', { name: 'API key' })).toHaveValue(apiKey);
  await address.fill(url);
  await expect(flow.getByText(/^This is IBM Maximo/)).toBeVisible({ timeout: 20_000 });
  await flow.getByRole('button', { name: 'Connect', exact: true }).click();
  await expectFlowSuccess(flow, url);
  await expectDemoStatus(page, url);
});

test('a guide followed: the field’s help link opens its step in the guide, and the key from it connects', async ({
  page,
  stack,
}) => {
  const { url, apiKey } = maximoSandbox(stack);
  const flow = await openInline(page);
  await chooseMaximo(flow);
  await flow.getByRole('radio', { name: 'API key' }).check();
  const guide = flow.getByRole('complementary', { name: /API key/ });
  await expect(guide).toBeVisible();
  await flow.getByRole('button', { name: 'Where do I find this?' }).last().click();
  // The step that says where keys are made is focused and highlighted.
  const step = guide.locator('li[data-highlight="true"]');
  await expect(step).toBeFocused();
  await expect(step).toContainText(/API Keys/i);
  // What the guide said to do, done: the address, and the key created there.
  await flow.getByRole('textbox', { name: 'Maximo address' }).fill(url);
  await flow.getByRole('textbox', { name: 'API key' }).fill(apiKey);
  await flow.getByRole('button', { name: 'Connect', exact: true }).click();
  await expectFlowSuccess(flow, url);
});

test('an error fixed in place: an expired key is flagged on its field, replaced, and connected without starting over', async ({
  page,
  stack,
}) => {
  const { url, apiKey } = maximoSandbox(stack);
  const flow = await openInline(page);
  await chooseMaximo(flow);
  await flow.getByRole('radio', { name: 'API key' }).check();
  await flow.getByRole('textbox', { name: 'Maximo address' }).fill(url);
  const key = flow.getByRole('textbox', { name: 'API key' });
  await key.fill('maximo-expired-key');
  await flow.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(flow.getByRole('heading', { name: 'We couldn’t connect' })).toBeVisible({ timeout: 30_000 });
  await expect(flow.getByText('Error reported by the system: BMXAA9549E')).toBeVisible();
  await expect(flow.getByText('It stopped at “Sign in”.')).toBeVisible();
  // The live checklist kept each step's outcome and timing.
  const steps = flow.getByRole('list', { name: 'Validation steps' });
  await expect(steps.getByRole('listitem').filter({ hasText: 'Find the server' })).toContainText('done');

  await flow.getByRole('button', { name: 'Try again' }).click();
  await expect(key).toBeFocused();
  await expect(key).toHaveAttribute('aria-invalid', 'true');
  await expect(key).toHaveValue('');
  await expect(flow.getByRole('textbox', { name: 'Maximo address' })).toHaveValue(url);
  await key.fill(apiKey);
  await flow.getByRole('button', { name: 'Connect', exact: true }).click();
  await expectFlowSuccess(flow, url);
  await expectDemoStatus(page, url);
});
