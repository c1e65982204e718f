import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HandoffCreated, HandoffList, RedeemHandoffResponse } from '@flange/protocol';
import { call, expectProblem, newSession, runAttempt, startTestServer } from '../testing/harness';
import type { TestServer } from '../testing/harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const list = async (token: string) => {
  const r = await call(t.url, 'GET', '/v1/connect/handoffs', { token });
  expect(r.status, r.text).toBe(200);
  return HandoffList.parse(r.json).data;
};
const apiKey = (api_key: string) => ({
  system_id: 'fake-cmms',
  auth_method: 'api_key',
  values: { instance_url: 'https://cmms.example.com', api_key },
});

describe('GET /v1/connect/handoffs', () => {
  it('follows a link from pending to opened to completed, handing the end user the admin’s public token', async () => {
    const s = await newSession(t);
    expect(await list(s.token)).toEqual([]);
    const created = HandoffCreated.parse(
      (await call(t.url, 'POST', '/v1/connect/handoffs', { token: s.token })).json,
    );
    expect(await list(s.token)).toMatchObject([
      { id: created.id, status: 'pending', opened_at: null, attempt: null },
    ]);

    const secret = new URL(created.url).hash.slice(1);
    const child = RedeemHandoffResponse.parse(
      (await call(t.url, 'POST', '/v1/connect/handoffs/redeem', { token: secret })).json,
    );
    const opened = await list(s.token);
    expect(opened[0]?.status).toBe('opened');
    expect(opened[0]?.opened_at).not.toBeNull();

    const bad = await runAttempt(t, child.session_token, apiKey('bad'));
    expect(bad.attemptId).not.toBe('');
    const failed = await list(s.token);
    expect(failed[0]).toMatchObject({ status: 'opened', attempt: { id: bad.attemptId, status: 'failed' } });

    const good = await runAttempt(t, child.session_token, apiKey('good-canary5521'));
    const adminToken = (good.events.at(-1)?.data as { public_token: string } | undefined)?.public_token;
    const done = await list(s.token);
    expect(done[0]).toMatchObject({
      status: 'completed',
      attempt: { id: good.attemptId, status: 'succeeded' },
    });
    const final = done[0]?.attempt?.events.at(-1);
    expect(final?.type).toBe('succeeded');
    expect(final?.type === 'succeeded' && final.public_token).toBe(adminToken);
    expect(JSON.stringify(done)).not.toContain('canary5521');

    // The end user's widget hands that token to the host, whose backend exchanges it as usual.
    const ex = await call(t.url, 'POST', '/v1/connect/exchange', {
      token: t.testKey,
      body: { public_token: adminToken },
    });
    expect(ex.status, ex.text).toBe(200);
    expect((ex.json as { connection: { end_user: { id: string } } }).connection.end_user.id).toBe('user-1');
    // One session, one connection: the end user's own session is marked connected too.
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/attempts', { token: s.token, body: apiKey('good') }),
      'CONFLICT',
      409,
    );
  });

  it('shows an unopened link as expired after its session’s expiry, and lists only the session’s own links', async () => {
    const a = await newSession(t);
    const b = await newSession(t);
    await call(t.url, 'POST', '/v1/connect/handoffs', { token: a.token });
    expect(await list(b.token)).toEqual([]);
    const clock = t.clock;
    clock.advance(29 * 60 * 1000);
    try {
      expect((await list(a.token))[0]?.status).toBe('pending');
      clock.advance(2 * 60 * 1000);
      expectProblem(
        await call(t.url, 'GET', '/v1/connect/handoffs', { token: a.token }),
        'SESSION_EXPIRED',
        401,
      );
      const { rows } = await t.db.query<{ expires_at: Date }>('SELECT expires_at FROM connect_handoffs');
      expect(rows.every((r) => r.expires_at.getTime() <= clock.now().getTime())).toBe(true);
    } finally {
      clock.advance(-31 * 60 * 1000);
    }
  });
});
