import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppPlugin } from './context';
import { ApiError } from './http/problem';
import { call, expectProblem, newSession, startTestServer } from './testing/harness';
import type { TestServer } from './testing/harness';

const seen: string[] = [];
const answered: string[] = [];
const plugin: AppPlugin = {
  onResponse(req, res, seconds) {
    const route = (req.route as { path?: string } | undefined)?.path ?? '-';
    answered.push(`${req.method} ${route} ${res.statusCode} ${seconds >= 0 && seconds < 60}`);
  },
  name: 'probe-plugin',
  routes(routes) {
    routes.add('GET', '/v1/test/boom', 'none', () => {
      throw new Error('kaboom at SELECT * FROM secrets /srv/app/file.ts:12');
    });
    routes.add('GET', '/v1/test/limited', 'secret_key', (_req, res) => void res.json({ ok: true }));
  },
  afterAuth(req, res, auth) {
    seen.push(`${auth.kind}:${req.path}`);
    if (req.path === '/v1/test/limited') {
      res.setHeader('RateLimit', '"test";r=0;t=30');
      throw new ApiError('RATE_LIMIT_EXCEEDED', { retry_after: 30 });
    }
  },
};

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ plugins: [plugin] });
});
afterAll(() => t.close());

describe('the app as a whole', () => {
  it('answers unknown routes and wrong methods with problem documents, never HTML', async () => {
    const nf = await call(t.url, 'GET', '/nope');
    expectProblem(nf, 'NOT_FOUND', 404);
    expect(nf.text).not.toMatch(/<html|<pre>/i);
    expectProblem(await call(t.url, 'GET', '/v1/connect/sessionz'), 'NOT_FOUND', 404);
    const m = await call(t.url, 'PATCH', '/v1/connections');
    expectProblem(m, 'METHOD_NOT_ALLOWED', 405);
    expect(m.headers.get('allow')).toBe('GET, HEAD');
    const opt = await call(t.url, 'OPTIONS', '/v1/connections');
    expectProblem(opt, 'METHOD_NOT_ALLOWED', 405);
  });

  it('refuses a 10 MB body with 413 and reads no more of it than needed', async () => {
    const r = await call(t.url, 'POST', '/v1/connect/sessions', {
      token: t.testKey,
      raw: `{"end_user":{"id":"${'x'.repeat(10 * 1024 * 1024)}"}}`,
      headers: { 'content-type': 'application/json' },
    });
    const p = expectProblem(r, 'PAYLOAD_TOO_LARGE', 413);
    expect(p.detail).toMatch(/100 KB/);
  });

  it('hides unexpected errors behind INTERNAL_ERROR with the request id, logging the detail', async () => {
    const r = await call(t.url, 'GET', '/v1/test/boom');
    const p = expectProblem(r, 'INTERNAL_ERROR', 500);
    expect(r.text).not.toMatch(/kaboom|SELECT|file\.ts/);
    const line = t.logs.find((l) => l.includes(p.request_id) && l.includes('kaboom'));
    expect(line).toBeDefined();
  });

  it('echoes a safe inbound X-Request-Id and replaces an unsafe one', async () => {
    const r = await call(t.url, 'GET', '/healthz', { headers: { 'x-request-id': 'trace-abc-12345' } });
    expect(r.headers.get('x-request-id')).toBe('trace-abc-12345');
    const bad = await call(t.url, 'GET', '/nope', { headers: { 'x-request-id': 'a b<script>"x"' } });
    const p = expectProblem(bad, 'NOT_FOUND');
    expect(p.request_id).toMatch(/^req_[0-9A-Za-z]{20}$/);
    expect(t.logs.some((l) => l.includes('"req_id":"trace-abc-12345"'))).toBe(true);
  });

  it('writes one access line per answer, a token in the path masked, and shows each answer to plugins', async () => {
    const token = `flc_test_${'A'.repeat(32)}_abcdef`;
    const r = await call(t.url, 'GET', `/nope/${token}`);
    expectProblem(r, 'NOT_FOUND', 404);
    const id = r.headers.get('x-request-id')!;
    const access = t.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l['req_id'] === id && l['msg'] === 'request');
    expect(access).toEqual([
      expect.objectContaining({ level: 30, method: 'GET', path: '/nope/flc_test_…cdef', status: 404 }),
    ]);
    expect(access[0]!['duration_ms']).toEqual(expect.any(Number));
    expect(t.logs.join('\n')).not.toContain(token);
    expect(answered).toContain('GET - 404 true');
    await call(t.url, 'GET', '/v1/connections', { token: t.testKey });
    expect(answered).toContain('GET /v1/connections 200 true');
  });

  it('sends restrictive headers on every API answer', async () => {
    const r = await call(t.url, 'GET', '/v1/connections', { token: t.testKey });
    expect(r.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('x-powered-by')).toBeNull();
  });

  it('lets plugins add routes and act after authentication, with problems that keep their headers', async () => {
    const r = await call(t.url, 'GET', '/v1/test/limited', { token: t.testKey });
    const p = expectProblem(r, 'RATE_LIMIT_EXCEEDED', 429);
    expect(p.retry_after).toBe(30);
    expect(r.headers.get('retry-after')).toBe('30');
    expect(r.headers.get('ratelimit')).toBe('"test";r=0;t=30');
    const s = await newSession(t);
    await call(t.url, 'GET', '/v1/connect/session', { token: s.token });
    expect(seen).toContain('secret_key:/v1/test/limited');
    expect(seen).toContain('session:/v1/connect/session');
  });
});
