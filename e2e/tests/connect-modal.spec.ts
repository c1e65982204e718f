import { expect, test } from '../fixtures';
import { chooseMaximo, expectDemoStatus, expectFlowSuccess, maximoSandbox, openModal } from '../flows';

test('modal: the hosted flow in an iframe connects IBM Maximo with the sandbox credentials', async ({
  page,
  stack,
}) => {
  const { url } = maximoSandbox(stack);
  const flow = await openModal(page);
  await chooseMaximo(flow);
  // The test environment offers the simulator's credentials, the way Plaid offers user_good.
  const sandbox = flow.getByRole('region', { name: 'Test environment' });
  await expect(sandbox).toContainText(url);
  await sandbox.getByRole('button', { name: 'Use these demo credentials' }).click();
  await expect(flow.getByRole('textbox', { name: 'Maximo address' })).toHaveValue(url);
  await flow.getByRole('button', { name: 'Connect', exact: true }).click();
  await expectFlowSuccess(flow, url);

  // Acme's backend exchanged the public token meanwhile; the page behind the dialog shows the status.
  await expectDemoStatus(page, url);
  await flow.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('dialog', { name: 'Connect your system' })).toHaveCount(0);
  await expect(page.locator('iframe[title="Connect your system"]')).toHaveCount(0);
});
