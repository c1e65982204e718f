import type { FrameLocator, Locator, Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '../fixtures';
import { maximoSandbox, openInline } from '../flows';
import {
  createSession,
  existingMaximoConnection,
  expectAxeClean,
  openHostPage,
  screenshot,
  type Session,
} from './flow-support';

/**
 * Every step of the flow, light and dark: axe (WCAG 2.2 A/AA) finds nothing, and, with
 * FLANGE_SCREENSHOTS=1, each step is saved to docs/screenshots/ for docs/flow.md.
 */
const THEMES = ['light', 'dark'] as const;
type ThemeName = (typeof THEMES)[number];

/** Axe, then the picture: `nn-step-theme.png`. */
async function check(page: Page, step: string, theme: ThemeName, mask: Locator[] = []): Promise<void> {
  await expectAxeClean(page, `${step} (${theme})`);
  await screenshot(page, `${step}-${theme}`, mask);
}

async function hosted(page: Page, session: Session, theme: ThemeName): Promise<FrameLocator> {
  await page.setViewportSize({ width: 800, height: 760 });
  return openHostPage(page, session, { theme: { mode: theme } });
}

for (const theme of THEMES) {
  test(`accessibility (${theme}): catalog, form, hand-off, checklist, failure, success`, async ({
    page,
    stack,
  }) => {
    test.setTimeout(120_000);
    const { url, apiKey } = maximoSandbox(stack);
    const flow = await hosted(page, await createSession(stack), theme);
    await expect(flow.getByRole('heading', { name: 'Which system does your company use?' })).toBeFocused();
    await check(page, '01-catalog', theme);

    await flow.getByRole('searchbox', { name: 'Search systems' }).fill('maximo');
    await flow.getByRole('button', { name: 'IBM Maximo' }).click();
    await flow.getByRole('radio', { name: 'API key' }).check();
    await flow.getByRole('textbox', { name: 'Maximo address' }).fill(url);
    await expect(flow.getByText(/^This is IBM Maximo/)).toBeVisible({ timeout: 20_000 });
    // One field left empty and touched: its message shows, as a user would see it.
    await flow.getByRole('textbox', { name: 'API key' }).focus();
    await flow.getByRole('textbox', { name: 'API key' }).blur();
    await expect(flow.getByText('API key is required.')).toBeVisible();
    await check(page, '02-form', theme);

    await flow.getByRole('button', { name: 'I don’t have these credentials' }).click();
    const link = flow.getByRole('textbox', { name: 'Link for your IT admin' });
    await expect(link).toHaveValue(/#flh_/);
    await check(page, '03-handoff', theme, [link]);
    await flow.getByRole('button', { name: 'Enter the credentials myself' }).click();

    // The live checklist, held open by the simulator's slow credentials.
    if (theme === 'light') {
      await flow.getByRole('textbox', { name: 'API key' }).fill('maximo-slow-key');
    } else {
      await flow.getByRole('radio', { name: 'User name and password' }).check();
      await flow.getByRole('textbox', { name: 'User name' }).fill('slow');
      await flow.getByRole('textbox', { name: 'Password' }).fill('pass_good');
    }
    await flow.getByRole('button', { name: 'Connect', exact: true }).click();
    const steps = flow.getByRole('list', { name: 'Validation steps' });
    await expect(steps.getByRole('listitem').filter({ hasText: 'Sign in' })).toContainText('in progress', {
      timeout: 20_000,
    });
    await check(page, '04-checking', theme);
    await expect(flow.getByRole('heading', { name: 'We couldn’t connect' })).toBeVisible({ timeout: 45_000 });

    // A rejected key: the failure with Maximo's signal and where to get a new one.
    await flow.getByRole('button', { name: 'Try again' }).click();
    await flow.getByRole('radio', { name: 'API key' }).check();
    await flow.getByRole('textbox', { name: 'API key' }).fill(`maximo-unknown-key-a11y-${theme}`);
    await flow.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(flow.getByText('Error reported by the system: BMXAA9549E')).toBeVisible({ timeout: 30_000 });
    await check(page, '05-failure', theme);

    await flow.getByRole('button', { name: 'Try again' }).click();
    const key = flow.getByRole('textbox', { name: 'API key' });
    await expect(key).toBeFocused();
    await check(page, '06-fix-in-place', theme);
    await key.fill(apiKey);
    await flow.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(flow.getByRole('region', { name: 'Connected' })).toBeVisible({ timeout: 30_000 });
    await check(page, '07-success', theme);
  });

  test(`accessibility (${theme}): request, reconnect, the admin’s hand-off page, an ended session`, async ({
    page,
    stack,
  }) => {
    let flow = await hosted(page, await createSession(stack), theme);
    await flow.getByRole('searchbox', { name: 'Search systems' }).fill('plantomatic');
    await expect(flow.getByText('No system matches “plantomatic”.')).toBeVisible();
    await check(page, '08-no-match', theme);
    await flow.getByRole('button', { name: 'Ask for it' }).click();
    await expect(flow.getByRole('heading', { name: 'Ask for a system' })).toBeFocused();
    await check(page, '09-request', theme);
    await flow.getByRole('button', { name: 'Send request' }).click();
    await expect(flow.getByRole('heading', { name: 'Request sent' })).toBeVisible();
    await check(page, '10-requested', theme);

    const existing = await existingMaximoConnection(stack);
    flow = await hosted(page, await createSession(stack, { reconnect_connection_id: existing.id }), theme);
    await expect(flow.getByRole('heading', { name: 'Reconnect IBM Maximo' })).toBeVisible();
    await check(page, '11-reconnect', theme);

    // The page the IT admin opens from a hand-off link, in their own (light or dark) system setting.
    const session = await createSession(stack);
    const created = await fetch(`${stack.flange_url}/v1/connect/handoffs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.session_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ resume: { system_id: 'ibm-maximo', auth_method: 'api_key' } }),
    });
    const { url: link } = (await created.json()) as { url: string };
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(link);
    await expect(page.getByRole('heading', { name: 'Connect IBM Maximo' })).toBeVisible();
    await check(page, '12-admin-page', theme);

    // A session that no longer exists: said plainly, nothing else offered.
    flow = await hosted(page, { ...session, session_token: `fls_${'x'.repeat(43)}` }, theme);
    await expect(flow.getByRole('heading', { name: 'This session has ended' })).toBeVisible();
    await check(page, '13-ended', theme);
  });
}

test('accessibility of the inline widget (shadow root) inside a host page', async ({ page, stack }) => {
  const { url } = maximoSandbox(stack);
  const flow = await openInline(page);
  await expect(flow.getByRole('searchbox', { name: 'Search systems' })).toBeVisible();
  const scan = async (step: string) => {
    const result = await new AxeBuilder({ page })
      .include('[data-flange-host]')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(
      result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      step,
    ).toEqual([]);
    // The scan did look inside the shadow root.
    expect(result.passes.length, step).toBeGreaterThan(5);
  };
  await scan('inline catalog');
  await flow.getByRole('searchbox', { name: 'Search systems' }).fill('maximo');
  await flow.getByRole('button', { name: 'IBM Maximo' }).click();
  await flow.getByRole('textbox', { name: 'Maximo address' }).fill(url);
  await scan('inline form');
});
