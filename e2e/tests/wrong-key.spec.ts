import { randomUUID } from 'node:crypto';
import { expect, test } from '../fixtures';
import {
  apiKeyField,
  chooseMaximo,
  expectDemoStatus,
  expectFlowSuccess,
  maximoSandbox,
  openInline,
  openModal,
  type FlowRoot,
} from '../flows';
import type { Page } from '@playwright/test';

const modes: [string, (page: Page) => Promise<FlowRoot>][] = [
  ['inline', openInline],
  ['modal', openModal],
];

for (const [mode, open] of modes) {
  test(`${mode}: a wrong API key is shown on its field with where to get a new one, fixed, and connected without starting over`, async ({
    page,
    stack,
  }) => {
    const { url, apiKey } = maximoSandbox(stack);
    const flow = await open(page);
    await chooseMaximo(flow);
    await flow.getByRole('textbox', { name: 'Maximo address' }).fill(url);
    // A key of its own per run: Flange counts failed sign-ins per (instance, key) and pauses after a few,
    // so retries and repeated runs against one stack must not look like someone guessing one key.
    await apiKeyField(flow).fill(`maximo-wrong-${randomUUID().slice(0, 8)}`);
    await flow.getByRole('button', { name: 'Connect', exact: true }).click();

    // What went wrong, Maximo's own signal, and the guidance: where Maximo API keys are created.
    await expect(flow.getByRole('heading', { name: 'We couldn’t connect' })).toBeVisible({ timeout: 30_000 });
    await expect(flow.getByText('Error reported by the system: BMXAA9549E')).toBeVisible();
    const guidance = flow.getByRole('region', { name: 'Get a new API key' });
    await expect(guidance).toContainText('API Keys application');
    const steps = flow.getByRole('list', { name: 'Validation steps' });
    await expect(steps.getByRole('listitem').filter({ hasText: 'Sign in' })).toContainText('failed');

    // Try again: back on the form, the API key field is flagged and focused, the address is kept.
    await flow.getByRole('button', { name: 'Try again' }).click();
    const key = apiKeyField(flow);
    await expect(key).toBeFocused();
    await expect(key).toHaveAttribute('aria-invalid', 'true');
    await expect(key).toHaveAccessibleDescription(/did not accept this API key/);
    await expect(key).toHaveValue('');
    await expect(flow.getByRole('textbox', { name: 'Maximo address' })).toHaveValue(url);

    await key.fill(apiKey);
    await expect(key).toHaveAttribute('aria-invalid', 'false');
    await flow.getByRole('button', { name: 'Connect', exact: true }).click();
    await expectFlowSuccess(flow, url);
    await expectDemoStatus(page, url);
  });
}
