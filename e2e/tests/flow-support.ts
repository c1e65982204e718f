/**
 * Shared steps of the flow-*.spec.ts journeys (issue 4): sessions created with the stack's secret key
 * (so a journey can ask for a locale, a reconnect or a theme the demo does not offer), a minimal host
 * page that frames the hosted flow with the documented postMessage handshake, and accessibility checks.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Frame, FrameLocator, Locator, Page } from '@playwright/test';
import { en } from '../../packages/protocol/src/i18n/en';
import { de } from '../../packages/protocol/src/i18n/de';
import { LeakWatch, CONNECTION_TOKEN_MARK, expect, type Stack } from '../fixtures';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The stack's secret key, read from its data folder: E2E_FLANGE_DATA_DIR when set, else the temporary
 * folder global-setup made (the one whose stack.json is this run's stack).
 */
export function secretKey(): string {
  const stack = process.env.E2E_STACK ?? '';
  let dir = process.env.E2E_FLANGE_DATA_DIR;
  if (!dir) {
    dir = readdirSync(tmpdir())
      .filter((d) => d.startsWith('flange-e2e-'))
      .map((d) => join(tmpdir(), d))
      .find((d) => {
        const file = join(d, 'stack.json');
        return existsSync(file) && readFileSync(file, 'utf8') === stack;
      });
  }
  const file = dir ? join(dir, 'demo-secret-key') : '';
  if (!file || !existsSync(file))
    throw new Error('Cannot find the stack’s secret key (set E2E_FLANGE_DATA_DIR).');
  return readFileSync(file, 'utf8').trim();
}

/**
 * A real loopback HTTP server for test host pages (one per worker): Chromium's local-network rules
 * let a page served from loopback frame the local Flange server, as a real host's page would be allowed
 * to frame Flange. Each page is registered under its own path.
 */
const hostPages = new Map<string, string>();
let hostServer: Promise<string> | null = null;
export function hostOrigin(): Promise<string> {
  hostServer ??= new Promise((done) => {
    const server = createServer((req, res) => {
      const html = hostPages.get(req.url ?? '');
      res.writeHead(html ? 200 : 404, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(html ?? 'not found');
    });
    server.listen(0, '127.0.0.1', () => {
      server.unref();
      done(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
  return hostServer;
}

export interface Session {
  session_token: string;
  connect_url: string;
  expires_at: string;
}

/** POST /v1/connect/sessions with the secret key, as a host backend does. */
export async function createSession(stack: Stack, body: Record<string, unknown> = {}): Promise<Session> {
  const res = await fetch(`${stack.flange_url}/v1/connect/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secretKey()}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      end_user: { id: 'e2e-user', name: 'Dana Whitfield', organization: 'Northwind Foods' },
      allowed_origins: [await hostOrigin()],
      ...body,
    }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Session;
}

/** A Maximo connection made server to server (the way a previous session would have), for reconnects. */
export async function existingMaximoConnection(stack: Stack): Promise<{ id: string; instanceUrl: string }> {
  const s = await createSession(stack);
  const instanceUrl = stack.sandbox['ibm-maximo']?.instance_url ?? '';
  const auth = { authorization: `Bearer ${s.session_token}`, 'content-type': 'application/json' };
  const created = await fetch(`${stack.flange_url}/v1/connect/attempts`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({
      system_id: 'ibm-maximo',
      auth_method: 'api_key',
      values: { instance_url: instanceUrl, api_key: 'maximo-good-key' },
    }),
  });
  expect(created.status).toBe(202);
  const { attempt_id } = (await created.json()) as { attempt_id: string };
  const events = await (
    await fetch(`${stack.flange_url}/v1/connect/attempts/${attempt_id}/events`, { headers: auth })
  ).text();
  const publicToken = /"public_token":"(flp_[^"]+)"/.exec(events)?.[1];
  expect(publicToken, events).toBeTruthy();
  const ex = await fetch(`${stack.flange_url}/v1/connect/exchange`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secretKey()}`, 'content-type': 'application/json' },
    body: JSON.stringify({ public_token: publicToken }),
  });
  expect(ex.status).toBe(200);
  return { id: ((await ex.json()) as { connection_id: string }).connection_id, instanceUrl };
}

export interface HostInit {
  locale?: 'en' | 'de';
  theme?: { mode?: 'light' | 'dark' | 'system'; primary_color?: string };
}

/**
 * A bare host page (on the loopback host server) that frames the hosted flow and speaks the documented handshake:
 * wait for `ready` from the frame's exact origin, answer `init` with the session token (and locale,
 * theme), and keep every message the flow sends in `window.flangeMessages`.
 */
export async function openHostPage(page: Page, session: Session, init: HostInit = {}): Promise<FrameLocator> {
  const connectOrigin = new URL(session.connect_url).origin;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test host</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>html,body{margin:0;height:100%}iframe{border:0;display:block;width:100%;height:100vh}</style></head>
<body><main><iframe title="Connect your system" allow="clipboard-write"
  sandbox="allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox"></iframe></main>
<script>
  const frame = document.querySelector('iframe');
  const origin = ${JSON.stringify(connectOrigin)};
  window.flangeMessages = [];
  addEventListener('message', (e) => {
    if (e.source !== frame.contentWindow || e.origin !== origin) return;
    const m = e.data;
    if (!m || m.source !== 'flange' || m.v !== 1) return;
    window.flangeMessages.push(m);
    if (m.type === 'ready') {
      frame.contentWindow.postMessage(Object.assign({ source: 'flange-host', v: 1, type: 'init',
        session_token: ${JSON.stringify(session.session_token)} }, ${JSON.stringify(init)}), origin);
    }
  });
  frame.src = ${JSON.stringify(session.connect_url)};
</script></body></html>`;
  const path = `/host-${hostPages.size + 1}`;
  hostPages.set(path, html);
  await page.goto(`${await hostOrigin()}${path}`);
  return page.frameLocator('iframe[title="Connect your system"]');
}

/** What the flow told the test host page so far. */
export function hostMessages(
  page: Page,
): Promise<{ type: string; name?: string; metadata?: Record<string, unknown> }[]> {
  return page.evaluate(() => (window as unknown as { flangeMessages: [] }).flangeMessages);
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const requireFromAxe = createRequire(require_resolve('@axe-core/playwright'));
let axeSource: string | null = null;

function require_resolve(name: string): string {
  return createRequire(import.meta.url).resolve(name);
}

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Zero axe violations against WCAG 2.0/2.1/2.2 A and AA. The hosted flow's frame is scanned in place
 * (axe-core injected into it): AxeBuilder's cross-frame run opens a helper page, after which Chromium
 * stops routing mouse input into cross-origin frames, and the rest of a journey could not click.
 * A page with no flow frame (the inline widget, the admin's page) goes through AxeBuilder.
 */
export async function expectAxeClean(page: Page, step: string): Promise<void> {
  const frame = page.frames().find((f) => f !== page.mainFrame() && f.url().includes('/connect'));
  let violations: AxeViolation[];
  let passes: number;
  if (frame) {
    axeSource ??= readFileSync(requireFromAxe.resolve('axe-core/axe.min.js'), 'utf8');
    await frame.evaluate(axeSource);
    const result = await frame.evaluate(
      (tags) =>
        (
          window as unknown as {
            axe: {
              run(ctx: Document, o: unknown): Promise<{ violations: AxeViolation[]; passes: unknown[] }>;
            };
          }
        ).axe
          .run(document, { runOnly: { type: 'tag', values: tags } })
          .then((r) => ({ violations: r.violations, passes: r.passes.length })),
      AXE_TAGS,
    );
    violations = result.violations;
    passes = result.passes;
  } else {
    const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    violations = result.violations;
    passes = result.passes.length;
  }
  // A clean result must come from a scan of something.
  expect(passes, `axe checked nothing on ${step}`).toBeGreaterThan(5);
  const found = violations.map((v) => ({
    id: v.id,
    help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
  }));
  expect(found, `axe violations on ${step}`).toEqual([]);
}

/**
 * With FLANGE_SCREENSHOTS=1, save the page as docs/screenshots/<name>.png (1x, the viewport the
 * journey set, ≤ 800 px wide) for docs/flow.md, with `mask` painted over (a one-time link's secret
 * has no place in a picture, even a dead one); otherwise do nothing.
 */
export async function screenshot(page: Page, name: string, mask: Locator[] = []): Promise<void> {
  if (process.env.FLANGE_SCREENSHOTS !== '1') return;
  const dir = join(ROOT, 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  // Let the focus ring and any transition settle so the picture is what a user sees.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  writeFileSync(
    join(dir, `${name}.png`),
    await page.screenshot({ animations: 'disabled', caret: 'hide', mask, maskColor: '#9ca3af' }),
  );
}

/** A second browser (another person's, the IT admin's) watched for connection tokens like the first. */
export async function watchedContext(context: BrowserContext): Promise<LeakWatch> {
  const watch = new LeakWatch(CONNECTION_TOKEN_MARK);
  await watch.attach(context);
  return watch;
}

/** Nothing a user typed as a secret is anywhere in the page's storage, cookies or URL. */
export async function expectNoSecretStored(page: Page, secrets: string[]): Promise<void> {
  for (const frame of page.frames()) {
    const dump = await frame
      .evaluate(
        () =>
          `${location.href} ${JSON.stringify(Object.entries(localStorage))} ${JSON.stringify(Object.entries(sessionStorage))} ${document.cookie}`,
      )
      .catch(() => '');
    for (const secret of secrets) expect(dump, `storage of ${frame.url()}`).not.toContain(secret);
  }
}

/**
 * The English catalog's texts that German translates (a German text identical to English, such as a
 * product word, is not one), as whole-text patterns: `{name}` placeholders match anything. Templates
 * that are mostly placeholders would match any text and are left out.
 */
function englishOnlyPatterns(): string[] {
  return (Object.keys(en) as (keyof typeof en)[])
    .filter((k) => en[k] !== de[k])
    .map((k) => en[k])
    .filter((text) => text.replace(/\{\w+\}/g, '').replace(/[^A-Za-z]/g, '').length >= 3)
    .map((text) =>
      text
        .split(/\{\w+\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'))
        .join('.+'),
    );
}

/**
 * Nothing the flow itself says is in English on a German screen: no visible text, label, placeholder
 * or title outside the connector's own text (marked lang="en") matches an English catalog message.
 * Also checks the flow declares German.
 */
export async function expectAllGerman(frame: Frame | Page, step: string): Promise<void> {
  const result = await frame.evaluate((sources) => {
    const patterns = sources.map((source) => new RegExp(`^${source}$`));
    const isEnglish = (text: string) => patterns.some((p) => p.test(text));
    const root = document.querySelector<HTMLElement>('.flange-root');
    if (!root) return { lang: null, english: ['no .flange-root'], checked: 0 };
    const lang = root.querySelector('[lang]')?.getAttribute('lang') ?? null;
    const english: string[] = [];
    let checked = 0;
    // The nearest language wins: the connector's English inside the German flow inside an English page.
    const skip = (el: Element) =>
      el.closest('[lang]')?.getAttribute('lang') === 'en' ||
      el.closest('code, script, style, [hidden], [aria-hidden="true"]') !== null;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (!el || text.length < 2 || skip(el) || !el.checkVisibility()) continue;
      checked++;
      if (isEnglish(text)) english.push(text);
    }
    for (const el of Array.from(root.querySelectorAll('[aria-label], [placeholder], [title], [alt]'))) {
      if (skip(el)) continue;
      for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
        const value = el.getAttribute(name)?.trim();
        if (!value) continue;
        checked++;
        if (isEnglish(value)) english.push(`${name}="${value}"`);
      }
    }
    return { lang, english, checked };
  }, englishOnlyPatterns());
  expect(result.lang, `language of the ${step}`).toBe('de');
  expect(result.checked, `texts checked on the ${step}`).toBeGreaterThan(3);
  expect(result.english, `English on the German ${step}`).toEqual([]);
}
