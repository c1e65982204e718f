import { expect, test } from '../fixtures';
import { createSession, existingMaximoConnection, hostMessages, openHostPage } from './flow-support';

test('reconnect: system and instance prefilled, only the credentials asked, a warning for another instance, same connection', async ({
  page,
  stack,
}) => {
  const existing = await existingMaximoConnection(stack);
  const session = await createSession(stack, { reconnect_connection_id: existing.id });
  const flow = await openHostPage(page, session);

  await expect(flow.getByRole('heading', { name: 'Reconnect IBM Maximo' })).toBeFocused();
  await expect(flow.getByText('Step 1 of 3: Details')).toBeVisible();
  await expect(flow.locator('form').getByText(existing.instanceUrl, { exact: true })).toBeVisible();
  // No catalog, no address to type: the credential is the only thing to fill.
  await expect(flow.getByRole('textbox', { name: 'Maximo address' })).toHaveCount(0);
  await expect(flow.getByRole('button', { name: /Back/ })).toHaveCount(0);
  await expect(flow.getByRole('radio', { name: 'API key' })).toBeChecked();

  // Changing the address is possible, and warned about.
  await flow.getByRole('button', { name: 'Change the address' }).click();
  const address = flow.getByRole('textbox', { name: 'Maximo address' });
  await expect(address).toBeFocused();
  await address.fill('https://maximo.other-plant.example.com');
  await expect(flow.getByText(/This is not the address of your current connection/)).toBeVisible();
  await address.fill(existing.instanceUrl);
  await expect(flow.getByText(/This is not the address of your current connection/)).toHaveCount(0);

  await flow.getByRole('textbox', { name: 'API key' }).fill('maximo-good-key');
  await flow.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(flow.getByRole('region', { name: 'Connected' })).toBeVisible({ timeout: 30_000 });
  const success = (await hostMessages(page)).find((m) => m.type === 'success') as
    { connection: { id: string } } | undefined;
  expect(success?.connection.id).toBe(existing.id);
});
