import type { FrameLocator, Locator, Page } from '@playwright/test';
import { expect, type Stack } from './fixtures';

/** Where the flow renders: the demo page itself (inline) or the hosted flow's iframe (modal). */
export type FlowRoot = Page | FrameLocator;

/** The sandbox values a newcomer reads from `pnpm start`'s output for Maximo's API-key sign-in. */
export function maximoSandbox(stack: Stack): { url: string; apiKey: string } {
  const hints = stack.sandbox['ibm-maximo'];
  const apiKey = hints?.credentials.api_key?.api_key;
  if (!hints || !apiKey)
    throw new Error('The stack has no Maximo sandbox hints (is the simulator registered?).');
  return { url: hints.instance_url, apiKey };
}

/** Open the demo, click "Connect inline": the flow renders in the page. */
export async function openInline(page: Page): Promise<FlowRoot> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Connect inline' }).click();
  return page;
}

/** Open the demo, click "Open in a window": the hosted flow opens in a modal iframe. */
export async function openModal(page: Page): Promise<FlowRoot> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Open in a window' }).click();
  await expect(page.getByRole('dialog', { name: 'Connect your system' })).toBeVisible();
  return page.frameLocator('iframe[title="Connect your system"]');
}

/** Search the catalog the way a user does and pick IBM Maximo. */
export async function chooseMaximo(flow: FlowRoot): Promise<void> {
  await flow.getByRole('searchbox', { name: 'Search systems' }).fill('maximo');
  await flow.getByRole('button', { name: 'IBM Maximo' }).click();
  await expect(flow.getByRole('heading', { name: 'Connect IBM Maximo' })).toBeVisible();
}

export function apiKeyField(flow: FlowRoot): Locator {
  return flow.getByRole('textbox', { name: 'API key' });
}

/** Type the instance URL and an API key, then Connect. */
export async function submitApiKey(flow: FlowRoot, url: string, apiKey: string): Promise<void> {
  await flow.getByRole('radio', { name: 'API key' }).check();
  await flow.getByRole('textbox', { name: 'Maximo address' }).fill(url);
  await apiKeyField(flow).fill(apiKey);
  await flow.getByRole('button', { name: 'Connect', exact: true }).click();
}

/** The flow's own success screen: what is connected, as whom, which entities. */
export async function expectFlowSuccess(flow: FlowRoot, url: string): Promise<void> {
  const success = flow.getByRole('region', { name: 'Connected', exact: true });
  await expect(success).toBeVisible({ timeout: 30_000 });
  await expect(success).toContainText('IBM Maximo is connected.');
  await expect(success).toContainText(url);
  await expect(
    success.getByRole('list', { name: 'Data we could read' }).getByRole('listitem'),
  ).not.toHaveCount(0);
}

/**
 * The demo's status card: what Acme's backend read from Flange with the SDK (`connections.get`).
 * Checked against the values the user typed, not against what the widget said.
 */
export async function expectDemoStatus(page: Page, url: string): Promise<string> {
  const status = page.getByRole('region', { name: 'Connected to IBM Maximo' });
  await expect(status).toBeVisible({ timeout: 30_000 });
  const field = (term: string) => status.locator(`dt:text-is("${term}") + dd`);
  await expect(field('System')).toHaveText('IBM Maximo');
  await expect(field('Instance')).toHaveText(url);
  await expect(field('Account')).not.toHaveText('—');
  await expect(field('Entities verified')).toContainText('Work orders');
  await expect(field('Entities verified')).toContainText('Assets');
  await expect(field('Status')).toHaveText('Active');
  const verifiedAt = await field('Last verified').locator('time').getAttribute('datetime');
  expect(Date.now() - Date.parse(verifiedAt ?? '')).toBeLessThan(10 * 60_000);
  const id = (await field('Connection id').textContent()) ?? '';
  expect(id).toMatch(/^conn_/);
  return id;
}
