/**
 * The connection cache on the real server: a repeated GET /v1/connection is served from memory, and every
 * change of state is visible on the very next request (no clock moved past the cache's TTL in between,
 * except where a test says so).
 */
import { ConnectionView } from '@flange/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppPlugin } from '../context';
import { authOf } from '../http/auth';
import { call, connect, expectProblem, newSession, runAttempt } from '../testing/harness';
import { startLifecycleServer, type LifecycleServer } from './test-setup';

/** A stand-in for the data routes a connection token will use (as in rate-limits.test.ts). */
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
  s = await startLifecycleServer({ plugins: [dataRoute] });
}, 60_000);
afterAll(() => s.close());

const status = (token: string) => call(s.t.url, 'GET', '/v1/connection', { token });
const viewOf = async (token: string) => {
  const r = await status(token);
  expect({ status: r.status, body: r.text }).toMatchObject({ status: 200 });
  return ConnectionView.parse(r.json);
};
const verify = (id: string) => call(s.t.url, 'POST', `/v1/connections/${id}/verify`, { token: s.t.testKey });
const cache = () => s.t.server.ctx.connectionCache;

describe('the connection cache behind GET /v1/connection', { timeout: 60_000 }, () => {
  it('serves a repeated request from memory; a change made behind the server’s back lasts at most the TTL', async () => {
    const c = await connect(s.t);
    const first = await status(c.accessToken);
    expect(first.status).toBe(200);
    expect(cache().size).toMatchObject({ tokens: expect.any(Number), connections: expect.any(Number) });
    expect(cache().size.connections).toBeGreaterThan(0);
    // Written straight into storage, bypassing every service: only a cache hit still answers the old name.
    await s.t.db.query('UPDATE connections SET system_name = $2 WHERE id = $1', [c.connectionId, 'Renamed']);
    const again = await status(c.accessToken);
    expect(again.text).toBe(first.text);
    expect(ConnectionView.parse(again.json).system.name).toBe('Fake CMMS');
    expect(again.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(again.headers.get('ratelimit')).toMatch(/^"conn";r=\d+;t=\d+$/);
    s.t.clock.advance(30_001);
    expect((await viewOf(c.accessToken)).system.name).toBe('Renamed');
  });

  it('revoke: the next request with a cached token is refused as revoked', async () => {
    const c = await connect(s.t);
    await viewOf(c.accessToken);
    await viewOf(c.accessToken);
    const del = await call(s.t.url, 'DELETE', `/v1/connections/${c.connectionId}`, { token: s.t.testKey });
    expect(del.status).toBe(200);
    expectProblem(await status(c.accessToken), 'TOKEN_REVOKED', 401);
  });

  it('rotation: the cached old token works through its grace period and is expired right after (injected clock)', async () => {
    const c = await connect(s.t);
    await viewOf(c.accessToken);
    const rotated = await call(s.t.url, 'POST', `/v1/connections/${c.connectionId}/token/rotate`, {
      token: s.t.testKey,
      body: { grace_period_seconds: 10 },
    });
    expect(rotated.status).toBe(200);
    const fresh = (rotated.json as { access_token: string }).access_token;
    // Within the grace period both work, and the old one is cached again, now with its end.
    await viewOf(c.accessToken);
    await viewOf(fresh);
    s.t.clock.advance(9_999);
    await viewOf(c.accessToken);
    s.t.clock.advance(1);
    // 10 s is well inside the cache's TTL: the entry is still there, and its end is checked on the clock.
    expectProblem(await status(c.accessToken), 'TOKEN_EXPIRED', 401);
    expect((await viewOf(fresh)).id).toBe(c.connectionId);
  });

  it('health: degraded, recovered and reauthorization_required are visible on the next request', async () => {
    const c = await connect(s.t);
    expect((await viewOf(c.accessToken)).status).toBe('active');
    await s.setApiKey(c.connectionId, 'unreachable');
    await verify(c.connectionId);
    await viewOf(c.accessToken);
    expect((await verify(c.connectionId)).status).toBe(200);
    expect(await viewOf(c.accessToken)).toMatchObject({
      status: 'degraded',
      last_verification: { outcome: 'failed', error_code: 'INSTANCE_UNREACHABLE' },
    });

    await s.setApiKey(c.connectionId, 'good');
    s.t.clock.advance(31_000);
    await viewOf(c.accessToken);
    expect((await verify(c.connectionId)).status).toBe(200);
    expect((await viewOf(c.accessToken)).status).toBe('active');

    await s.setApiKey(c.connectionId, 'bad');
    expect((await status(c.accessToken)).status).toBe(200);
    expect((await call(s.t.url, 'GET', '/v1/test/work-orders', { token: c.accessToken })).status).toBe(200);
    expect((await verify(c.connectionId)).status).toBe(200);
    expect(await viewOf(c.accessToken)).toMatchObject({
      status: 'reauthorization_required',
      reauthorization_required: true,
    });
    const p = expectProblem(
      await call(s.t.url, 'GET', '/v1/test/work-orders', { token: c.accessToken }),
      'REAUTHORIZATION_REQUIRED',
      403,
    );
    expect(p.hint).toContain(c.connectionId);
  });

  it('reconnect: active again once the end user reconnects; the old token stops at the exchange', async () => {
    const c = await connect(s.t);
    await s.setApiKey(c.connectionId, 'bad');
    await verify(c.connectionId);
    expect((await viewOf(c.accessToken)).status).toBe('reauthorization_required');

    const session = await newSession(s.t, { reconnect_connection_id: c.connectionId });
    const { events } = await runAttempt(s.t, session.token, {
      system_id: 'fake-cmms',
      auth_method: 'api_key',
      values: { instance_url: 'https://cmms.example.com', api_key: 'good' },
    });
    const last = events[events.length - 1]?.data as { type: string; public_token: string };
    expect(last.type).toBe('succeeded');
    // Stored, not yet exchanged: the old token still works and already sees the reconnected connection.
    expect(await viewOf(c.accessToken)).toMatchObject({ status: 'active', reauthorization_required: false });

    const ex = await call(s.t.url, 'POST', '/v1/connect/exchange', {
      token: s.t.testKey,
      body: { public_token: last.public_token },
    });
    expect(ex.status).toBe(200);
    const fresh = (ex.json as { access_token: string }).access_token;
    expectProblem(await status(c.accessToken), 'TOKEN_REVOKED', 401);
    expect((await viewOf(fresh)).status).toBe('active');
  });
});
