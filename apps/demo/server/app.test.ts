import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deadFlange, startTestDemo, type TestDemo } from './testing';

let demo: TestDemo | undefined;
afterEach(async () => {
  await demo?.close();
  demo = undefined;
});

describe('demo app shell', () => {
  it('answers /healthz and sends a CSP that frames and calls only Flange', async () => {
    demo = await startTestDemo({ flange: deadFlange(), flangeOrigins: ['http://localhost:4999'] });
    const res = await demo.call('/healthz');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain('frame-src http://localhost:4999');
    expect(csp).toContain("connect-src 'self' http://localhost:4999");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('gives a browser one HttpOnly workspace cookie and keeps it', async () => {
    demo = await startTestDemo({ flange: deadFlange() });
    const first = await demo.call('/api/me');
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^acme_workspace=ws_[0-9a-f]{32}; Path=\/; HttpOnly; SameSite=Lax/);
    expect(await first.json()).toMatchObject({
      organization: 'Northwind Foods',
      user: { name: 'Dana Whitfield' },
    });
    const second = await demo.call('/api/me');
    expect(second.headers.get('set-cookie')).toBeNull();
  });

  it('replaces a forged workspace cookie instead of trusting it', async () => {
    demo = await startTestDemo({ flange: deadFlange() });
    const res = await fetch(`${demo.url}/api/me`, { headers: { cookie: 'acme_workspace=../../etc/passwd' } });
    expect(res.headers.get('set-cookie')).toMatch(/^acme_workspace=ws_[0-9a-f]{32};/);
  });

  it('answers an unknown API path with a problem document, not the page', async () => {
    demo = await startTestDemo({ flange: deadFlange() });
    const res = await demo.call('/api/nope', { method: 'POST' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  describe('the built page', () => {
    let dir: string;
    afterEach(async () => rm(dir, { recursive: true, force: true }));

    it('serves index.html for app paths and says how to build when it is missing', async () => {
      dir = await mkdtemp(join(tmpdir(), 'demo-dist-'));
      demo = await startTestDemo({ flange: deadFlange(), staticDir: dir });
      const missing = await demo.call('/integrations');
      expect(missing.status).toBe(503);
      expect(await missing.text()).toContain('pnpm --filter @flange/demo build');

      await writeFile(join(dir, 'index.html'), '<!doctype html><title>Acme Reliability</title>');
      const page = await demo.call('/integrations');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Acme Reliability</title>');
    });
  });
});
