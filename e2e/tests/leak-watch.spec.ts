import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONNECTION_TOKEN_MARK, LeakWatch, expect, test } from '../fixtures';

// The journeys prove no connection token reaches the browser by finding none. This proves the watch
// would have found one wherever it could travel: a response body, a header, an event stream the page
// stops reading mid-way (as the widget does), a request, and postMessage in the page and in a frame.
test('the leak watch catches a token in every channel it watches', async ({ browser, stack }) => {
  const canary = `${CONNECTION_TOKEN_MARK}test_canary`;
  const sse: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'access-control-allow-origin': '*' });
    res.write(`data: {"token":"${canary}"}\n\n`);
    // Left open, like a stream whose reader stopped at the event it needed.
  });
  await new Promise<void>((done) => sse.listen(0, '127.0.0.1', done));
  const sseUrl = `http://127.0.0.1:${(sse.address() as AddressInfo).port}/events`;

  // The demo's CSP would refuse the canary server and the srcdoc frame's inline script; the control needs both.
  const context = await browser.newContext({ bypassCSP: true });
  const watch = new LeakWatch(CONNECTION_TOKEN_MARK);
  await watch.attach(context);
  const page = await context.newPage();
  await page.route('**/canary-body', (route) =>
    route.fulfill({ status: 200, body: `{"token":"${canary}"}` }),
  );
  await page.route('**/canary-header', (route) =>
    route.fulfill({ status: 204, headers: { 'x-token': canary } }),
  );
  await page.goto(stack.demo_url);
  await page.evaluate(
    async ({ token, url }) => {
      await fetch('/canary-body');
      await fetch('/canary-header');
      await fetch('/canary-request', { method: 'POST', body: token }).catch(() => undefined);
      // Read the first event, then stop, as the widget does at an attempt's last event.
      const reader = (await fetch(url)).body?.getReader();
      await reader?.read();
      await new Promise((r) => setTimeout(r, 300));
      await reader?.cancel();
      const frame = document.createElement('iframe');
      frame.srcdoc = `<script>window.postMessage({ t: ${JSON.stringify(token)} }, '*')</script>`;
      document.body.append(frame);
      window.postMessage({ nested: { token } }, location.origin);
    },
    { token: canary, url: sseUrl },
  );

  const expected = [
    (w: string) => w.includes('/canary-body') && w.endsWith('(body)'),
    (w: string) => w.includes('/canary-header') && w.endsWith('(headers)'),
    (w: string) => w.startsWith('request POST') && w.includes('/canary-request'),
    (w: string) => w.includes(sseUrl) && w.includes('(event stream'),
    (w: string) => w.startsWith('postMessage received') && w.endsWith('about:srcdoc'),
    (w: string) => w.startsWith('postMessage sent in http'),
  ];
  await expect
    .poll(async () => {
      await watch.settle();
      return expected.map((match) => watch.leaks.some((l) => match(l.where)));
    })
    .toEqual(expected.map(() => true));
  await context.close();
  sse.closeAllConnections();
  await new Promise<void>((done) => sse.close(() => done()));
});
