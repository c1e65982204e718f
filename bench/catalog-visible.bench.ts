/**
 * Issue 4's budget: the hosted flow shows its catalog ≤ 400 ms after navigation on this machine (median of
 * 15 cold loads).
 *
 *   pnpm bench:catalog-visible
 *   pnpm bench:catalog-visible --patch-boot   # diagnostic, see PATCH_BOOT
 *
 * Builds apps/hosted into a scratch folder and starts the real server (main.ts, embedded PGlite) on it. A
 * small host page on another loopback origin embeds the flow the way hosts do, with the real openConnect
 * from @flange/connect (bundled by esbuild): iframe, `ready`, `init` with the session token by postMessage.
 * Each load gets a new session and a new browser context (empty cache). Inside the frame a script Playwright
 * adds before any page script records performance.now() when the first system of the catalog is in the DOM
 * with a size, and again after the next frame, when it has been painted; that second time, measured from
 * the frame's own navigation start, is the figure. One unrecorded load first warms the browser and server.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { createSession, startFlange, type FlangeServer } from './lib/flange';
import { buildHosted } from './lib/hosted-build';
import { repoPath } from './lib/paths';
import { freePort } from './lib/processes';
import { finish, header } from './lib/report';
import { median, percentile, round } from './lib/stats';
import { launchChromium, loadEsbuild } from './lib/tools';

const BUDGET_MS = 400;
/**
 * Diagnostic only, never the budget figure: rewrite the hosted page in flight to drop the empty boot element
 * the built index.html carries ahead of the one the server adds (see docs/benchmarks.md), to see what the
 * flow would do once the server fills that element instead. The rewrite goes through Playwright and adds time.
 */
const PATCH_BOOT = process.argv.includes('--patch-boot');
const LOADS = 15;
/** The first system button of the catalog list (packages/react/src/flow/catalog-view.tsx). */
const FIRST_SYSTEM = '.fl-systems .fl-system';

/** Runs in every frame before its scripts; only the hosted flow's frame takes notice. */
const WATCH_CATALOG = `(() => {
  if (!location.pathname.startsWith('/connect')) return;
  const visible = () => {
    const el = document.querySelector(${JSON.stringify(FIRST_SYSTEM)});
    if (!el) return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  const observer = new MutationObserver(() => {
    if (window.__benchInserted !== undefined || !visible()) return;
    window.__benchInserted = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => { window.__benchPainted = performance.now(); }, 0));
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`;

interface Load {
  painted: number;
  inserted: number;
  /** From the host page's navigation start, which adds the host page and the iframe's creation. */
  fromHost: number;
  htmlEnd: number;
  domContentLoaded: number;
  firstContentfulPaint: number | null;
  sessionEnd: number | null;
  catalogEnd: number | null;
  /** Every request the frame finished before the catalog was in the DOM, in order: what the user waited for. */
  before: Array<{ path: string; end: number; bytes: number }>;
}

async function hostScript(): Promise<string> {
  const result = await loadEsbuild().build({
    stdin: {
      contents: `export { openConnect } from ${JSON.stringify(repoPath('packages/connect/src/index.ts'))};`,
      resolveDir: repoPath('packages/connect'),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'FlangeHost',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'warning',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no output for the host page');
  return Buffer.from(file.contents).toString('utf8');
}

/** The host page: server-rendered with this load's connect URL and session token, as a host's app would be. */
function hostPage(script: string, session: { connect_url: string; session_token: string }): string {
  const config = JSON.stringify({
    connectUrl: session.connect_url,
    sessionToken: session.session_token,
  }).replace(/</g, '\\u003c');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Acme (bench host)</title></head>
<body><h1>Acme Reliability</h1><div id="flange" style="width:480px"></div>
<script>${script}</script>
<script>const c = ${config}; FlangeHost.openConnect({ ...c, container: document.getElementById('flange') });</script>
</body></html>`;
}

async function hostedFrame(page: Page): Promise<Frame> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const frame = page.frames().find((f) => f.url().includes('/connect?session='));
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error('The hosted flow frame did not appear within 20 s.');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Waits for the watcher's second timestamp. Polled with evaluate: the page's CSP forbids the eval that
 * waitForFunction would run inside it, and CSP stays on so the page loads exactly as it does for users.
 */
async function painted(frame: Frame): Promise<void> {
  const deadline = Date.now() + 30_000;
  let text = '';
  for (;;) {
    let state: [unknown, string];
    try {
      state = (await frame.evaluate(
        '[window.__benchPainted, (document.body ? document.body.innerText : "").slice(0, 300)]',
      )) as [unknown, string];
    } catch (e) {
      throw new Error(`The hosted flow frame went away before the catalog showed; it last said: "${text}"`, {
        cause: e,
      });
    }
    if (state[0] !== undefined) return;
    text = state[1].replace(/\s+/g, ' ').trim();
    if (Date.now() > deadline)
      throw new Error(`The catalog did not show within 30 s; the frame says: "${text}"`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function measureLoad(
  browser: Awaited<ReturnType<typeof launchChromium>>,
  hostUrl: string,
): Promise<Load> {
  const context = await browser.newContext();
  try {
    await context.addInitScript(WATCH_CATALOG);
    if (PATCH_BOOT) {
      await context.route('**/connect?session=*', async (route) => {
        const response = await route.fetch();
        const body = (await response.text()).replace(/<script\b[^>]*\bid="flange-boot"[^>]*><\/script>/, '');
        await route.fulfill({ response, body });
      });
    }
    const page = await context.newPage();
    if (process.env.BENCH_DEBUG) {
      page.on('console', (m) => process.stderr.write(`[console ${m.type()}] ${m.text()}\n`));
      page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
      page.on('framenavigated', (f) => process.stderr.write(`[frame] ${f.url()}\n`));
      page.on('requestfailed', (r) =>
        process.stderr.write(`[request failed] ${r.url()} ${r.failure()?.errorText}\n`),
      );
      page.on('response', (r) => process.stderr.write(`[response] ${r.status()} ${r.url()}\n`));
    }
    await page.goto(hostUrl, { waitUntil: 'commit' });
    const frame = await hostedFrame(page);
    await painted(frame);
    const inFrame = (await frame.evaluate(`(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      const api = (path) => {
        const hit = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname === path);
        return hit ? hit.responseEnd : null;
      };
      return {
        timeOrigin: performance.timeOrigin,
        inserted: window.__benchInserted,
        painted: window.__benchPainted,
        htmlEnd: nav.responseEnd,
        domContentLoaded: nav.domContentLoadedEventEnd,
        firstContentfulPaint: fcp ? fcp.startTime : null,
        sessionEnd: api('/v1/connect/session'),
        catalogEnd: api('/v1/connect/catalog'),
        before: performance
          .getEntriesByType('resource')
          .filter((e) => e.responseEnd <= window.__benchInserted)
          .map((e) => ({ path: new URL(e.name).pathname, end: e.responseEnd, bytes: e.encodedBodySize }))
          .sort((a, b) => a.end - b.end),
      };
    })()`)) as Omit<Load, 'fromHost'> & { timeOrigin: number };
    const hostOrigin = (await page.evaluate('performance.timeOrigin')) as number;
    const { timeOrigin, ...rest } = inFrame;
    return { ...rest, fromHost: timeOrigin + inFrame.painted - hostOrigin };
  } finally {
    await context.close();
  }
}

const ms = (v: number | null) => (v === null ? '—' : `${round(v, 0)} ms`);
/** The per-load table: times from the hosted page's navigation start, except the last column. */
const COLUMNS = ['load', 'visible', 'in DOM', 'html', 'DCL', 'FCP', 'session', 'catalog', 'from host'];

async function main(): Promise<void> {
  header(
    'Hosted flow: catalog visible after navigation (issue 4)',
    `median ≤ ${BUDGET_MS} ms over ${LOADS} cold loads (new browser context each), from the hosted page's navigation start to the first system painted`,
  );
  const dist = mkdtempSync(join(tmpdir(), 'flange-bench-hosted-'));
  let flange: FlangeServer | null = null;
  let host: Server | null = null;
  let browser: Awaited<ReturnType<typeof launchChromium>> | null = null;
  try {
    await buildHosted(dist);
    flange = await startFlange({ env: { FLANGE_HOSTED_DIST: dist } });
    const script = await hostScript();
    const hostPort = await freePort();
    const hostOrigin = `http://127.0.0.1:${hostPort}`;
    let current = '';
    host = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(current);
    }).listen(hostPort, '127.0.0.1');
    browser = await launchChromium();

    const loads: Load[] = [];
    for (let i = 0; i <= LOADS; i++) {
      current = hostPage(script, await createSession(flange, [hostOrigin]));
      const load = await measureLoad(browser, `${hostOrigin}/`);
      if (i === 0) {
        process.stdout.write(
          `   warm-up load: ${ms(load.painted)} (not counted)\n` +
            "   per load, from the hosted page's navigation start: catalog painted, first system in the DOM, html received,\n" +
            '   DOMContentLoaded (the module script has run), first contentful paint, session and catalog API responses;\n' +
            "   last, the painted time from the host page's own navigation start\n\n" +
            `   ${COLUMNS.map((c) => c.padStart(9)).join(' ')}\n`,
        );
        continue;
      }
      loads.push(load);
      const cells = [
        load.painted,
        load.inserted,
        load.htmlEnd,
        load.domContentLoaded,
        load.firstContentfulPaint,
        load.sessionEnd,
        load.catalogEnd,
        load.fromHost,
      ];
      process.stdout.write(`   ${[String(i), ...cells.map(ms)].map((c) => c.padStart(9)).join(' ')}\n`);
    }
    const sorted = (pick: (l: Load) => number | null) =>
      loads
        .map(pick)
        .filter((v): v is number => v !== null)
        .sort((a, b) => a - b);
    const visible = sorted((l) => l.painted);
    const figures = {
      median_ms: round(median(visible), 0),
      p90_ms: round(percentile(visible, 90), 0),
      min_ms: round(visible[0] ?? Number.NaN, 0),
      max_ms: round(visible.at(-1) ?? Number.NaN, 0),
      median_in_dom_ms: round(median(sorted((l) => l.inserted)), 0),
      median_html_end_ms: round(median(sorted((l) => l.htmlEnd)), 0),
      median_dom_content_loaded_ms: round(median(sorted((l) => l.domContentLoaded)), 0),
      median_session_response_ms: round(median(sorted((l) => l.sessionEnd)), 0),
      median_catalog_response_ms: round(median(sorted((l) => l.catalogEnd)), 0),
      median_from_host_navigation_ms: round(median(sorted((l) => l.fromHost)), 0),
    };
    process.stdout.write(
      `\n   catalog visible: median ${figures.median_ms} ms, p90 ${figures.p90_ms} ms, min ${figures.min_ms} ms, max ${figures.max_ms} ms\n` +
        `   medians along the way: html ${figures.median_html_end_ms} ms → DOMContentLoaded ${figures.median_dom_content_loaded_ms} ms → session ${figures.median_session_response_ms} ms → catalog ${figures.median_catalog_response_ms} ms → in DOM ${figures.median_in_dom_ms} ms → painted ${figures.median_ms} ms\n` +
        `   from the host page's navigation start (adds the host page and the iframe's creation): median ${figures.median_from_host_navigation_ms} ms\n\n`,
    );
    const typical = [...loads].sort((a, b) => a.painted - b.painted)[Math.floor(loads.length / 2)];
    if (typical) {
      process.stdout.write(
        '   requests finished before the catalog was in the DOM (the median load; bytes as sent):\n',
      );
      for (const r of typical.before) {
        process.stdout.write(
          `   ${ms(r.end).padStart(9)}  ${r.path}${r.bytes > 0 ? `  (${r.bytes} B)` : ''}\n`,
        );
      }
      process.stdout.write('\n');
    }
    finish(
      PATCH_BOOT ? 'catalog-visible (diagnostic: boot element patched in flight)' : 'catalog-visible',
      [
        {
          name: `catalog visible, median of ${LOADS} cold loads`,
          value: figures.median_ms,
          limit: BUDGET_MS,
          kind: 'max',
          unit: 'ms',
        },
      ],
      figures,
    );
  } finally {
    await browser?.close();
    host?.close();
    await flange?.stop();
    rmSync(dist, { recursive: true, force: true });
  }
}

await main();
