import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostedBoot } from '@flange/protocol';
import { call, expectProblem, newSession, startTestServer } from '../testing/harness';
import type { TestServer } from '../testing/harness';
import { CSP_NONCE_PLACEHOLDER, renderHostedPage } from './hosted';

/** As Vite writes it with `html.cspNonce` (apps/hosted/vite.config.ts). */
const INDEX = `<!doctype html><html><head><meta charset="utf-8"><title>Connect</title>
<meta property="csp-nonce" nonce="${CSP_NONCE_PLACEHOLDER}">
<script type="module" crossorigin src="/connect/assets/index-abc123.js" nonce="${CSP_NONCE_PLACEHOLDER}"></script>
<link rel="stylesheet" crossorigin href="/connect/assets/index-abc123.css" nonce="${CSP_NONCE_PLACEHOLDER}">
</head><body><div id="root"></div></body></html>`;

let dist: string;
let t: TestServer;
beforeAll(async () => {
  dist = mkdtempSync(path.join(os.tmpdir(), 'flange-hosted-'));
  writeFileSync(path.join(dist, 'index.html'), INDEX);
  t = await startTestServer({ config: { hostedDist: dist } });
});
afterAll(async () => {
  await t.close();
  rmSync(dist, { recursive: true, force: true });
});

function boot(html: string): HostedBoot {
  const m = /<script type="application\/json" id="flange-boot" nonce="[^"]+">(.*?)<\/script>/.exec(html);
  return HostedBoot.parse(JSON.parse(m?.[1] ?? 'null'));
}

describe('GET /connect (hosted flow page)', () => {
  it('serves the page with its nonce on every tag, boot data and frame-ancestors from the session', async () => {
    const s = await newSession(t, { allowed_origins: ['https://app.acme.example', 'http://localhost:3000'] });
    const r = await call(t.url, 'GET', `/connect?session=${s.id}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = r.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1] ?? '';
    expect(nonce.length).toBeGreaterThanOrEqual(16);
    expect(csp).toContain('frame-ancestors https://app.acme.example http://localhost:3000');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    // Styles by file or by nonce (the widget's <style> carries the meta's nonce), never inline at large.
    expect(csp).toContain(`style-src 'self' 'nonce-${nonce}'`);
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}'`);
    expect(csp).not.toContain('unsafe-inline');
    expect(r.text).not.toContain(CSP_NONCE_PLACEHOLDER);
    expect(r.text).toContain(`<meta property="csp-nonce" nonce="${nonce}">`);
    expect(r.text).toContain(
      `<script type="module" crossorigin src="/connect/assets/index-abc123.js" nonce="${nonce}"></script>`,
    );
    expect(r.text).toContain(
      `<link rel="stylesheet" crossorigin href="/connect/assets/index-abc123.css" nonce="${nonce}">`,
    );
    expect(r.text).toContain(`<script type="application/json" id="flange-boot" nonce="${nonce}">`);
    // One nonce attribute per tag: a second one would be ignored by the parser, whichever it is.
    for (const tag of r.text.match(/<[^>]+>/g) ?? [])
      expect(tag.split(' nonce=').length).toBeLessThanOrEqual(2);
    expect(boot(r.text)).toEqual({
      api_base: t.url,
      session_id: s.id,
      allowed_origins: ['https://app.acme.example', 'http://localhost:3000'],
    });
    expect(r.text).not.toContain(s.token);
    expect(r.headers.get('cache-control')).toBe('no-store');
    // A new nonce per response, in the header and the page alike.
    const again = await call(t.url, 'GET', `/connect/?session=${s.id}`);
    const againNonce = /'nonce-([^']+)'/.exec(again.headers.get('content-security-policy') ?? '')?.[1] ?? '';
    expect(againNonce).not.toBe(nonce);
    expect(again.text).toContain(`<meta property="csp-nonce" nonce="${againNonce}">`);
    expect(again.text).not.toContain(nonce);
  });

  it("frames an unknown or malformed session in no one's page", async () => {
    for (const q of [
      '',
      '?session=cs_000000000000000000000000',
      '?session=<script>',
      '?session=a&session=b',
    ]) {
      const r = await call(t.url, 'GET', `/connect${q}`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(boot(r.text)).toEqual({ api_base: t.url, session_id: '', allowed_origins: [] });
      expect(r.text).not.toContain('<script>"');
    }
  });

  it('puts a nonce on scripts a build left without one, and only once on the others', () => {
    const html = renderHostedPage(
      `<html><head><script type="module" src="/a.js"></script><script nonce="${CSP_NONCE_PLACEHOLDER}" src="/b.js"></script></head></html>`,
      'N0nce',
      { api_base: 'http://x', session_id: '', allowed_origins: [] },
    );
    expect(html).toContain('<script nonce="N0nce" type="module" src="/a.js">');
    expect(html).toContain('<script nonce="N0nce" src="/b.js">');
    expect(html).not.toContain(CSP_NONCE_PLACEHOLDER);
  });

  it('escapes boot data so it cannot close its script element', () => {
    const html = renderHostedPage('<html><head></head></html>', 'n', {
      api_base: '</script><script>alert(1)</script>',
      session_id: 'x',
      allowed_origins: [],
    });
    expect(html).not.toContain('</script><script>alert');
    expect(html).toContain('\\u003c/script\\u003e');
  });

  it('refuses other methods on the page', async () => {
    expectProblem(await call(t.url, 'POST', '/connect'), 'METHOD_NOT_ALLOWED', 405);
  });

  it('says clearly when the hosted flow is not built', async () => {
    const bare = await startTestServer({ db: t.db, config: { hostedDist: path.join(dist, 'missing') } });
    try {
      const p = expectProblem(await call(bare.url, 'GET', '/connect'), 'SERVICE_UNAVAILABLE', 503);
      expect(p.detail).toMatch(/pnpm --filter @flange\/hosted build/);
      expect(p.detail).not.toContain(dist);
    } finally {
      await bare.close();
    }
  });
});
