import { expect, test } from '../fixtures';
import { chooseMaximo, expectDemoStatus, expectFlowSuccess, maximoSandbox, submitApiKey } from '../flows';

test('lifecycle: connect inline, then Check now, Rotate token and Disconnect through the SDK; each webhook arrives verified in the Events panel', async ({
  page,
  stack,
}) => {
  const { url, apiKey } = maximoSandbox(stack);
  await page.goto('/');

  // Acme's backend registered its receiver with Flange (webhookEndpoints.create) when it started.
  const panel = page.getByRole('region', { name: 'Events', exact: true });
  await expect(panel.getByRole('status', { name: 'Webhook receiver' })).toHaveText('Listening');
  await expect(panel).toContainText(`${new URL(stack.demo_url).port}/webhooks/flange`);
  const feed = panel.getByRole('list', { name: 'Webhook events' });
  await expect(feed).toHaveAttribute('aria-live', 'polite');
  await expect(feed.getByRole('listitem')).toHaveCount(0);
  const item = (type: string) => feed.getByRole('listitem').filter({ hasText: type });

  await page.getByRole('button', { name: 'Connect inline' }).click();
  await chooseMaximo(page);
  await submitApiKey(page, url, apiKey);
  await expectFlowSuccess(page, url);
  const id = await expectDemoStatus(page, url);

  // connection.created: signed by Flange, verified by the SDK in Acme's backend, pushed to this page.
  await expect(item('connection.created')).toHaveCount(1, { timeout: 30_000 });
  await expect(item('connection.created')).toContainText(id);
  await expect(item('connection.created')).toContainText('IBM Maximo');
  await expect(item('connection.created')).toContainText('✓ Verified');
  await page.getByRole('button', { name: 'Done' }).click();

  const card = page.getByRole('region', { name: 'Connected to IBM Maximo' });
  const field = (term: string) => card.locator(`dt:text-is("${term}") + dd`);
  const note = card.getByRole('status');

  // Check now: connections.verify re-runs the checks against the simulator.
  const verifiedBefore = (await field('Last verified').locator('time').getAttribute('datetime')) ?? '';
  await card.getByRole('button', { name: 'Check now' }).click();
  await expect(note).toHaveText('Checked just now: the credentials still work.', { timeout: 30_000 });
  await expect(field('Status')).toHaveText('Active');
  const verifiedAfter = (await field('Last verified').locator('time').getAttribute('datetime')) ?? '';
  expect(Date.parse(verifiedAfter)).toBeGreaterThan(Date.parse(verifiedBefore));

  // Rotate token: the new token stays on Acme's server (the leak watch checks the page never sees it).
  await card.getByRole('button', { name: 'Rotate token' }).click();
  await expect(note).toContainText('New token issued and stored by Acme’s backend.');
  await expect(item('connection.token_rotated')).toHaveCount(1, { timeout: 30_000 });
  await expect(item('connection.token_rotated')).toContainText(id);
  await expect(item('connection.token_rotated')).toContainText('Previous token works until');

  // Disconnect asks first; then connections.revoke, and the card follows.
  await card.getByRole('button', { name: 'Disconnect' }).click();
  const confirm = card.getByRole('group', { name: 'Confirm disconnect' });
  await expect(confirm).toContainText('Disconnect IBM Maximo?');
  await confirm.getByRole('button', { name: 'Yes, disconnect' }).click();
  await expect(item('connection.revoked')).toHaveCount(1, { timeout: 30_000 });
  await expect(item('connection.revoked')).toContainText('Revoked');
  await expect(field('Status')).toHaveText('Revoked');
  await expect(card.getByRole('button', { name: 'Check now' })).toHaveCount(0);
  await expect(card.getByRole('button', { name: 'Rotate token' })).toHaveCount(0);

  // Newest first; a reload replays the same events (each once) and reads the revoked state again.
  const types = [/connection\.revoked/, /connection\.token_rotated/, /connection\.created/];
  await expect(feed.getByRole('listitem')).toHaveText(types);
  await page.reload();
  await expect(feed.getByRole('listitem')).toHaveText(types);
  await expect(field('Status')).toHaveText('Revoked');
});
