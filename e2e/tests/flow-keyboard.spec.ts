import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { expectDemoStatus, maximoSandbox } from '../flows';

/** Whether `locator` is the focused element, looking through shadow roots (the inline widget has one). */
function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active === el;
  });
}

/** Press Tab until `locator` has focus, as a keyboard user would; fails after `max` presses. */
async function tabTo(page: Page, locator: Locator, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await isFocused(locator)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${locator.toString()}`);
}

test('keyboard only: from the host page to a connection, focus on each new step’s heading', async ({
  page,
  stack,
}) => {
  const { url, apiKey } = maximoSandbox(stack);
  await page.goto('/');
  await tabTo(page, page.getByRole('button', { name: 'Connect inline' }));
  await page.keyboard.press('Enter');

  const catalogHeading = page.getByRole('heading', { name: 'Which system does your company use?' });
  await expect(catalogHeading).toBeVisible();
  await expect.poll(() => isFocused(catalogHeading)).toBe(true);
  await tabTo(page, page.getByRole('searchbox', { name: 'Search systems' }));
  await page.keyboard.type('mximo');
  await expect(page.getByRole('list', { name: 'Systems' }).getByRole('button').first()).toHaveAccessibleName(
    'IBM Maximo',
  );
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => isFocused(page.getByRole('button', { name: 'IBM Maximo' }))).toBe(true);
  await page.keyboard.press('Enter');

  const formHeading = page.getByRole('heading', { name: 'Connect IBM Maximo' });
  await expect(formHeading).toBeVisible();
  await expect.poll(() => isFocused(formHeading)).toBe(true);
  const apiKeyMethod = page.getByRole('radio', { name: 'API key' });
  await tabTo(page, page.getByRole('radio', { checked: true }));
  if (!(await apiKeyMethod.isChecked())) {
    await page.keyboard.press('ArrowLeft');
    await expect(apiKeyMethod).toBeChecked();
  }
  await tabTo(page, page.getByRole('textbox', { name: 'Maximo address' }));
  await page.keyboard.type(url);
  await tabTo(page, page.getByRole('textbox', { name: 'API key' }));
  // A wrong key first: the error comes back to the field, with focus.
  await page.keyboard.type('maximo-unknown-key-kbd');
  await page.keyboard.press('Enter');
  const failure = page.getByRole('heading', { name: 'We couldn’t connect' });
  await expect(failure).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => isFocused(failure)).toBe(true);
  await tabTo(page, page.getByRole('button', { name: 'Try again' }));
  await page.keyboard.press('Enter');
  const key = page.getByRole('textbox', { name: 'API key' });
  await expect.poll(() => isFocused(key)).toBe(true);
  await page.keyboard.type(apiKey);
  await page.keyboard.press('Enter');

  const connected = page.getByRole('heading', { name: 'Connected', exact: true });
  await expect(connected).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => isFocused(connected)).toBe(true);
  await tabTo(page, page.getByRole('button', { name: 'Done' }));
  await page.keyboard.press('Enter');
  await expectDemoStatus(page, url);
});
