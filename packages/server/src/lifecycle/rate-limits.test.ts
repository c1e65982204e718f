import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppPlugin } from '../context';
import { authOf } from '../http/auth';
import { call, connect, expectProblem } from '../testing/harness';
import { startLifecycleServer, type LifecycleServer } from './test-setup';

/** A stand-in for the data routes a connection token will use (the unified API comes later). */
const dataRoute: AppPlugin = {
  name: 'test-data-route',
  routes(routes) {
    routes.add('GET', '/v1/test/work-orders', 'connection', (_req, res) => {
      res.json({ connection_id: authOf(res, 'connection').connectionId });
    });
  },
};

let s: LifecycleServer;
beforeAll(async () => {
  s = await startLifecycleServer({
    rateLimits: { connection: { test: 5, live: 5 }, secretKey: { test: 1000, live: 4 }, windowSeconds: 2 },
    plugins: [dataRoute],
  });
}, 60_000);
afterAll(() => s.close());

function state(h: string | null): { r: number; t: number } {
  const m = /^"conn";r=(\d+);t=(\d+)$/.exec(h ?? '');
  if (!m) throw new Error(`RateLimit header: ${h}`);
  return { r: Number(m[1]), t: Number(m[2]) };
}

describe('rate limits on the real server', { timeout: 60_000 }, () => {
  it('per connection: r counts down, 429 with Retry-After and headers, back after Retry-After', async () => {
    const a = await connect(s.t);
    const b = await connect(s.t);
    const r: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await call(s.t.url, 'GET', '/v1/connection', { token: a.accessToken });
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-policy')).toBe('"conn";q=5;w=2');
      r.push(state(res.headers.get('ratelimit')).r);
    }
    expect(r).toEqual([4, 3, 2, 1, 0]);
    const refused = await call(s.t.url, 'GET', '/v1/connection', { token: a.accessToken });
    const p = expectProblem(refused, 'RATE_LIMIT_EXCEEDED', 429);
    const wait = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(wait) && wait >= 1 && wait <= 2).toBe(true);
    expect(p.retry_after).toBe(wait);
    expect(refused.headers.get('ratelimit-policy')).toBe('"conn";q=5;w=2');
    expect(state(refused.headers.get('ratelimit')).r).toBe(0);

    // Another connection has its own counter.
    expect((await call(s.t.url, 'GET', '/v1/connection', { token: b.accessToken })).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 100));
    const back = await call(s.t.url, 'GET', '/v1/connection', { token: a.accessToken });
    expect(back.status).toBe(200);
    expect(state(back.headers.get('ratelimit')).r).toBe(4);
  });

  it('per secret key on management routes, with the key policy headers', async () => {
    const res = await call(s.t.url, 'GET', '/v1/connections', { token: s.t.testKey });
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-policy')).toBe('"key";q=1000;w=2');
    expect(res.headers.get('ratelimit')).toMatch(/^"key";r=\d+;t=\d+$/);
  });

  it('per secret key: the live key runs out (429 with headers), the test key does not, and it is back after Retry-After', async () => {
    const key = (token: string) => call(s.t.url, 'GET', '/v1/connections', { token });
    const keyState = (h: string | null) => Number(/^"key";r=(\d+);t=\d+$/.exec(h ?? '')?.[1]);
    const r: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await key(s.t.liveKey);
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-policy')).toBe('"key";q=4;w=2');
      r.push(keyState(res.headers.get('ratelimit')));
    }
    expect(r).toEqual([3, 2, 1, 0]);
    const refused = await key(s.t.liveKey);
    const p = expectProblem(refused, 'RATE_LIMIT_EXCEEDED', 429);
    const wait = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(wait) && wait >= 1 && wait <= 2).toBe(true);
    expect(p.retry_after).toBe(wait);
    expect(refused.headers.get('ratelimit-policy')).toBe('"key";q=4;w=2');
    expect(keyState(refused.headers.get('ratelimit'))).toBe(0);
    // A management route other than the one counted shares the key's budget.
    expectProblem(
      await call(s.t.url, 'GET', '/v1/webhook-endpoints', { token: s.t.liveKey }),
      'RATE_LIMIT_EXCEEDED',
      429,
    );
    // The test key has its own counter.
    expect((await key(s.t.testKey)).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 100));
    const back = await key(s.t.liveKey);
    expect(back.status).toBe(200);
    expect(keyState(back.headers.get('ratelimit'))).toBe(3);
  });

  it('honours a per-environment override', async () => {
    const { rows } = await s.t.db.query<{ environment_id: string }>(
      'SELECT environment_id FROM secret_keys LIMIT 1',
    );
    await s.t.db.query('UPDATE environments SET connection_rate_limit = 2 WHERE id = $1', [
      s.t.testEnvironmentId,
    ]);
    s.t.clock.advance(61_000); // past the override cache
    const c = await connect(s.t);
    const first = await call(s.t.url, 'GET', '/v1/connection', { token: c.accessToken });
    expect(first.headers.get('ratelimit-policy')).toBe('"conn";q=2;w=2');
    await call(s.t.url, 'GET', '/v1/connection', { token: c.accessToken });
    expectProblem(
      await call(s.t.url, 'GET', '/v1/connection', { token: c.accessToken }),
      'RATE_LIMIT_EXCEEDED',
      429,
    );
    expect(rows.length).toBeGreaterThan(0);
    await s.t.db.query('UPDATE environments SET connection_rate_limit = NULL');
    s.t.clock.advance(61_000);
  });

  it('refuses data routes for a connection that needs reauthorization, with a hint; the status route answers', async () => {
    const c = await connect(s.t);
    expect((await call(s.t.url, 'GET', '/v1/test/work-orders', { token: c.accessToken })).status).toBe(200);
    await s.t.db.query(`UPDATE connections SET status = 'reauthorization_required' WHERE id = $1`, [
      c.connectionId,
    ]);
    const p = expectProblem(
      await call(s.t.url, 'GET', '/v1/test/work-orders', { token: c.accessToken }),
      'REAUTHORIZATION_REQUIRED',
      403,
    );
    expect(p.hint).toContain(`reconnect_connection_id "${c.connectionId}"`);
    expect((await call(s.t.url, 'GET', '/v1/connection', { token: c.accessToken })).status).toBe(200);
  });
});
