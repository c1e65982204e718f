import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostedBoot } from '@flange/protocol';
import { call, expectProblem, newSession, startTestServer } from '../testing/harness';
import type { TestServer } from '../testing/harness';
import { renderHostedPage } from './hosted';

const INDEX = `<!doctype html><html><head><meta charset="utf-8"><title>Connect</title>
<script type="module" crossorigin src="/connect/assets/index-abc123.js"></script>
<link rel="stylesheet" href="/connect/assets/index-abc123.css"></head><body><div id="root"></div></body></html>`;

let dist: string;
let t: TestServer;
beforeAll(async () => {
  dist = mkdtempSync(path.join(os.tmpdir(), 'flange-hosted-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), INDEX);
  writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log("flow")');
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
  it('serves the page with a nonce on every script, boot data and frame-ancestors from the session', async () => {
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
    expect(r.text).toContain(
      `<script nonce="${nonce}" type="module" crossorigin src="/connect/assets/index-abc123.js">`,
    );
    expect(boot(r.text)).toEqual({
      api_base: t.url,
      session_id: s.id,
      allowed_origins: ['https://app.acme.example', 'http://localhost:3000'],
    });
    expect(r.text).not.toContain(s.token);
    expect(r.headers.get('cache-control')).toBe('no-store');
    // A new nonce per response.
    const again = await call(t.url, 'GET', `/connect/?session=${s.id}`);
    expect(again.headers.get('content-security-policy')).not.toBe(csp);
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

  it('escapes boot data so it cannot close its script element', () => {
    const html = renderHostedPage('<html><head></head></html>', 'n', {
      api_base: '</script><script>alert(1)</script>',
      session_id: 'x',
      allowed_origins: [],
    });
    expect(html).not.toContain('</script><script>alert');
    expect(html).toContain('\\u003c/script\\u003e');
  });

  it('serves hashed assets with long caching and 404s the rest as problems', async () => {
    const a = await call(t.url, 'GET', '/connect/assets/index-abc123.js');
    expect(a.status).toBe(200);
    expect(a.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(a.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expectProblem(await call(t.url, 'GET', '/connect/assets/nope.js'), 'NOT_FOUND', 404);
    expectProblem(await call(t.url, 'GET', '/connect/index.html'), 'NOT_FOUND', 404);
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
