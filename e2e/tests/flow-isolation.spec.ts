import { expect, test } from '../fixtures';

test('style isolation: a hostile host stylesheet does not reach the inline widget, and the widget’s CSS stays inside it', async ({
  page,
}) => {
  await page.goto('/');
  const demoButton = page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Integrations' });
  const demoStyle = () =>
    demoButton.evaluate((el) => {
      const s = getComputedStyle(el);
      return [s.color, s.backgroundColor, s.borderRadius, s.fontFamily, s.padding].join(' | ');
    });
  const before = await demoStyle();
  const headStyles = await page.evaluate(() => document.head.querySelectorAll('style').length);

  await page.getByRole('button', { name: 'Connect inline' }).click();
  await expect(page.getByRole('heading', { name: 'Which system does your company use?' })).toBeVisible();
  // Outwards: the page's own elements look the same, and the widget added no stylesheet to the page.
  expect(await demoStyle()).toBe(before);
  expect(await page.evaluate(() => document.head.querySelectorAll('style').length)).toBe(headStyles);
  expect(await page.evaluate(() => document.querySelectorAll('.flange-root, .fl-btn').length)).toBe(0);

  // Inwards: the page turns hostile, with !important on everything.
  await page.addStyleTag({
    content: `* { color: red !important; font-family: "Comic Sans MS", fantasy !important; letter-spacing: 4px !important; }
      button, input { background: hotpink !important; border: 5px dashed lime !important; }
      h2 { display: none !important; } ul { list-style: square !important; }`,
  });
  const inside = await page.evaluate(() => {
    const root = document.querySelector('[data-flange-host]')?.shadowRoot;
    const pick = (sel: string) => {
      const el = root?.querySelector<HTMLElement>(sel);
      if (!el) return null;
      const s = getComputedStyle(el);
      return {
        color: s.color,
        font: s.fontFamily,
        bg: s.backgroundColor,
        display: s.display,
        spacing: s.letterSpacing,
      };
    };
    return {
      heading: pick('h2'),
      search: pick('input[type=search]'),
      system: pick('.fl-system'),
      root: pick('.flange-root'),
    };
  });
  expect(inside.heading?.color).toBe('rgb(15, 23, 42)');
  expect(inside.heading?.display).toBe('block');
  expect(inside.heading?.spacing).toBe('normal');
  expect(inside.search?.font).not.toMatch(/Comic/);
  expect(inside.search?.bg).toBe('rgb(255, 255, 255)');
  expect(inside.system?.bg).toBe('rgb(255, 255, 255)');
  expect(inside.root?.color).toBe('rgb(15, 23, 42)');
  await expect(page.getByRole('heading', { name: 'Which system does your company use?' })).toBeVisible();
  // And the widget still works under that page.
  await page.getByRole('searchbox', { name: 'Search systems' }).fill('maximo');
  await page.getByRole('button', { name: 'IBM Maximo' }).click();
  await expect(page.getByRole('heading', { name: 'Connect IBM Maximo' })).toBeVisible();
});
