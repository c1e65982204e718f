import { expect, test } from '../fixtures';
import {
  chooseMaximo,
  expectDemoStatus,
  expectFlowSuccess,
  maximoSandbox,
  openInline,
  openModal,
  submitApiKey,
} from '../flows';

// Every journey is watched by the auto fixture in fixtures.ts. These two say it out loud, and check the
// watch saw the traffic a connection token would have travelled in: the public token that did travel.
test.describe('no connection token ever reaches the browser', () => {
  test('modal: not in any response, postMessage, DOM or storage', async ({ page, stack, leakWatch }) => {
    const { url, apiKey } = maximoSandbox(stack);
    const flow = await openModal(page);
    await chooseMaximo(flow);
    await submitApiKey(flow, url, apiKey);
    await expectFlowSuccess(flow, url);
    await expectDemoStatus(page, url);
    await page.reload();
    await expectDemoStatus(page, url);
    await leakWatch.settle();

    // The frame handed the public token to the page by postMessage, and the watch saw it there…
    expect(leakWatch.seen('flp_').some((w) => w.startsWith('postMessage received'))).toBe(true);
    // …then the page send it to Acme's backend, and read that backend's answer: the status, no token.
    expect(
      leakWatch.seen('flp_').some((w) => w.startsWith('request POST') && w.includes('/api/flange/exchange')),
    ).toBe(true);
    expect(
      leakWatch.seen('conn_').some((w) => w.includes('/api/flange/exchange') && w.endsWith('(body)')),
    ).toBe(true);
    expect(leakWatch.leaks).toEqual([]);
    expect(leakWatch.unread).toEqual([]);
  });

  test('inline: not in any response, DOM or storage', async ({ page, stack, leakWatch }) => {
    const { url, apiKey } = maximoSandbox(stack);
    const flow = await openInline(page);
    await chooseMaximo(flow);
    await submitApiKey(flow, url, apiKey);
    await expectFlowSuccess(flow, url);
    await expectDemoStatus(page, url);
    await leakWatch.settle();

    // Inline, the public token arrives in the attempt's event stream, which the watch read whole.
    expect(leakWatch.seen('flp_').some((w) => w.includes('/events') && w.includes('(event stream'))).toBe(
      true,
    );
    expect(
      leakWatch.seen('flp_').some((w) => w.startsWith('request POST') && w.includes('/api/flange/exchange')),
    ).toBe(true);
    expect(leakWatch.leaks).toEqual([]);
    expect(leakWatch.unread).toEqual([]);
  });
});
