import { RotateTokenResponse } from '@flange/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, connect, expectProblem } from '../../testing/harness';
import { startLifecycleServer, type LifecycleServer } from '../test-setup';

let s: LifecycleServer;
beforeAll(async () => {
  s = await startLifecycleServer();
}, 60_000);
afterAll(() => s.close());

const rotate = (id: string, body?: unknown, token = s.t.testKey) =>
  call(s.t.url, 'POST', `/v1/connections/${id}/token/rotate`, {
    token,
    ...(body !== undefined ? { body } : {}),
  });
const status = (token: string) => call(s.t.url, 'GET', '/v1/connection', { token });

describe('POST /v1/connections/:id/token/rotate', { timeout: 60_000 }, () => {
  it('issues a new token at once; the old one works through the grace period, then is expired', async () => {
    const c = await connect(s.t);
    const r = await rotate(c.connectionId, { grace_period_seconds: 3600 });
    expect(r.status).toBe(200);
    const out = RotateTokenResponse.parse(r.json);
    expect(out.access_token).toMatch(/^flc_test_/);
    expect(out.access_token).not.toBe(c.accessToken);
    expect(out.previous_token_expires_at).toBe(new Date(s.t.clock.now().getTime() + 3600_000).toISOString());

    expect((await status(out.access_token)).status).toBe(200);
    expect((await status(c.accessToken)).status).toBe(200);
    s.t.clock.advance(3600_000 - 1000);
    expect((await status(c.accessToken)).status).toBe(200);
    s.t.clock.advance(1000);
    expectProblem(await status(c.accessToken), 'TOKEN_EXPIRED', 401);
    expect((await status(out.access_token)).status).toBe(200);
  });

  it('defaults to a 24 h grace period; 0 ends the old token at once', async () => {
    const c = await connect(s.t);
    const r = RotateTokenResponse.parse((await rotate(c.connectionId)).json);
    expect(Date.parse(r.previous_token_expires_at) - s.t.clock.now().getTime()).toBe(24 * 3600_000);
    const now = RotateTokenResponse.parse((await rotate(c.connectionId, { grace_period_seconds: 0 })).json);
    expectProblem(await status(r.access_token), 'TOKEN_EXPIRED', 401);
    expectProblem(await status(c.accessToken), 'TOKEN_EXPIRED', 401);
    expect((await status(now.access_token)).status).toBe(200);
  });

  it('never extends the grace of a token already on its way out', async () => {
    const c = await connect(s.t);
    await rotate(c.connectionId, { grace_period_seconds: 60 });
    await rotate(c.connectionId, { grace_period_seconds: 7 * 24 * 3600 });
    s.t.clock.advance(61_000);
    const r = await status(c.accessToken);
    expect(r.status).toBe(401);
    expectProblem(r, 'TOKEN_EXPIRED');
  });

  it('refuses bad input, other environments and revoked connections, writing nothing', async () => {
    const c = await connect(s.t);
    const before = (await s.t.db.query('SELECT 1 FROM connection_tokens')).rows.length;
    for (const body of [
      { grace_period_seconds: 7 * 24 * 3600 + 1 },
      { grace_period_seconds: -1 },
      { grace_period_seconds: '60' },
      { grace: 1 },
    ]) {
      expectProblem(await rotate(c.connectionId, body), 'INVALID_REQUEST', 400);
    }
    expectProblem(
      await call(s.t.url, 'POST', `/v1/connections/${c.connectionId}/token/rotate`, {
        token: s.t.testKey,
        raw: '{"grace_period_seconds":',
        headers: { 'content-type': 'application/json' },
      }),
      'INVALID_REQUEST',
      400,
    );
    expectProblem(await rotate(c.connectionId, {}, s.t.liveKey), 'NOT_FOUND', 404);
    expectProblem(await rotate(c.connectionId, {}, c.accessToken), 'WRONG_TOKEN_KIND', 401);
    expectProblem(await rotate('conn_nope'), 'NOT_FOUND', 404);
    expect((await s.t.db.query('SELECT 1 FROM connection_tokens')).rows.length).toBe(before);

    await call(s.t.url, 'DELETE', `/v1/connections/${c.connectionId}`, { token: s.t.testKey });
    expectProblem(await rotate(c.connectionId), 'CONFLICT', 409);
  });
});
