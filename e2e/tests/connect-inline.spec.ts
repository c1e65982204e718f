import { expect, test } from '../fixtures';
import {
  chooseMaximo,
  expectDemoStatus,
  expectFlowSuccess,
  maximoSandbox,
  openInline,
  submitApiKey,
} from '../flows';

test('inline: a user connects IBM Maximo with an API key and Acme shows the status it read from Flange', async ({
  page,
  stack,
}) => {
  const { url, apiKey } = maximoSandbox(stack);
  const flow = await openInline(page);
  await chooseMaximo(flow);
  await submitApiKey(flow, url, apiKey);
  await expectFlowSuccess(flow, url);
  const id = await expectDemoStatus(page, url);

  // The widget reported its progress to the host page as it went.
  await page.getByText(/Widget events received by Acme/).click();
  const events = page.getByRole('group').filter({ hasText: 'Widget events received by Acme' });
  for (const name of ['SELECT_SYSTEM', 'SUBMIT_CREDENTIALS', 'STEP', 'SUCCESS']) {
    await expect(events.getByText(name, { exact: true }).first()).toBeVisible();
  }

  // Done closes the widget; a reload shows the status read again by Acme's backend, not kept in the page.
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('heading', { name: 'Connect your system' })).toHaveCount(0);
  await page.reload();
  expect(await expectDemoStatus(page, url)).toBe(id);
});
