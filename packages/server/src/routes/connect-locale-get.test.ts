import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocaleCatalog } from '@flange/protocol';
import { de } from '@flange/protocol/i18n/de';
import { en } from '@flange/protocol/i18n/en';
import { call, expectProblem, startTestServer } from '../testing/harness';
import type { TestServer } from '../testing/harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('GET /v1/connect/locales/:locale', () => {
  it('serves a whole catalog, public and cacheable, readable from any origin without a token', async () => {
    const r = await call(t.url, 'GET', '/v1/connect/locales/de', {
      headers: { origin: 'https://host.example' },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(LocaleCatalog.parse(r.json)).toEqual(de);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    const english = await call(t.url, 'GET', '/v1/connect/locales/en');
    expect(english.json).toEqual(en);
    expect(english.headers.get('etag')).not.toBe(r.headers.get('etag'));
  });

  it('answers a matching If-None-Match with 304 and no body', async () => {
    const first = await call(t.url, 'GET', '/v1/connect/locales/de');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await call(t.url, 'GET', '/v1/connect/locales/de', { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const stale = await call(t.url, 'GET', '/v1/connect/locales/de', {
      headers: { 'if-none-match': '"old"' },
    });
    expect(stale.status).toBe(200);
  });

  it('refuses unknown locales and other methods with problem documents', async () => {
    for (const locale of ['fr', 'DE', 'de-AT', '__proto__', 'constructor', '%00', '..%2Fen']) {
      expectProblem(await call(t.url, 'GET', `/v1/connect/locales/${locale}`), 'NOT_FOUND', 404);
    }
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/locales/de', { body: {} }),
      'METHOD_NOT_ALLOWED',
      405,
    );
  });
});
