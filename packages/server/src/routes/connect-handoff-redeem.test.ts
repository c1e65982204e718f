import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HandoffCreated, RedeemHandoffResponse, SessionInfo } from '@flange/protocol';
import { call, countRows, expectProblem, newSession, runAttempt, startTestServer } from '../testing/harness';
import type { TestServer } from '../testing/harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const REDEEM = '/v1/connect/handoffs/redeem';

async function handoff(sessionToken: string, body: unknown = {}): Promise<string> {
  const r = await call(t.url, 'POST', '/v1/connect/handoffs', { token: sessionToken, body });
  expect(r.status, r.text).toBe(201);
  return new URL(HandoffCreated.parse(r.json).url).hash.slice(1);
}

describe('POST /v1/connect/handoffs/redeem', () => {
  it('trades the secret once for a session token of the same session, with the resume point', async () => {
    const s = await newSession(t, {
      systems: ['fake-cmms', 'fake-erp'],
      locale: 'de',
      allowed_origins: ['https://app.acme.example'],
    });
    const resume = {
      system_id: 'fake-cmms',
      auth_method: 'api_key',
      values: { instance_url: 'https://cmms.example.com' },
    };
    const secret = await handoff(s.token, { resume });
    const r = await call(t.url, 'POST', REDEEM, { token: secret, headers: { origin: t.url } });
    expect(r.status, r.text).toBe(200);
    const redeemed = RedeemHandoffResponse.parse(r.json);
    expect(redeemed.resume).toEqual(resume);
    expect(redeemed.session_token).toMatch(/^fls_/);
    expect(redeemed.session_token).not.toBe(s.token);
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    const parent = SessionInfo.parse(
      (await call(t.url, 'GET', '/v1/connect/session', { token: s.token })).json,
    );
    const child = SessionInfo.parse(
      (await call(t.url, 'GET', '/v1/connect/session', { token: redeemed.session_token })).json,
    );
    // The same flow for the same end user: user, systems, locale, host and expiry; its own id and attempts.
    expect(child).toMatchObject({
      end_user: parent.end_user,
      systems: parent.systems,
      locale: 'de',
      host: parent.host,
      expires_at: parent.expires_at,
      last_attempt_id: null,
    });
    expect(child.id).not.toBe(parent.id);
    // Used from our own hosted page only: the host's origins do not carry over.
    expectProblem(
      await call(t.url, 'GET', '/v1/connect/session', {
        token: redeemed.session_token,
        headers: { origin: 'https://app.acme.example' },
      }),
      'ORIGIN_NOT_ALLOWED',
    );
    const again = expectProblem(await call(t.url, 'POST', REDEEM, { token: secret }), 'TOKEN_REVOKED', 401);
    expect(again.display_message).toMatch(/only once/);
    expect(again.display_message).toContain('Dana Field');
    expect(t.logs.join('\n')).not.toContain(secret);
    expect(t.logs.join('\n')).not.toContain(redeemed.session_token);
  });

  it('refuses an expired link, an unknown one, a malformed one and the wrong kinds of token', async () => {
    const s = await newSession(t);
    const secret = await handoff(s.token);
    t.clock.advance(31 * 60 * 1000);
    try {
      const p = expectProblem(await call(t.url, 'POST', REDEEM, { token: secret }), 'TOKEN_EXPIRED', 401);
      expect(p.display_message).toMatch(/expired/);
    } finally {
      t.clock.advance(-31 * 60 * 1000);
    }
    const before = await countRows(t.db, 'connect_sessions');
    const unknown = expectProblem(
      await call(t.url, 'POST', REDEEM, { token: `flh_${'A'.repeat(43)}` }),
      'UNAUTHORIZED',
      401,
    );
    expect(unknown.display_message).toMatch(/not valid/);
    expectProblem(await call(t.url, 'POST', REDEEM, { token: 'flh_short' }), 'TOKEN_MALFORMED', 401);
    expectProblem(await call(t.url, 'POST', REDEEM, { token: s.token }), 'WRONG_TOKEN_KIND', 401);
    expectProblem(await call(t.url, 'POST', REDEEM), 'UNAUTHORIZED', 401);
    expectProblem(await call(t.url, 'GET', REDEEM, { token: secret }), 'METHOD_NOT_ALLOWED', 405);
    expectProblem(await call(t.url, 'POST', `${REDEEM}?token=${secret}`), 'TOKEN_IN_QUERY', 400);
    expect(await countRows(t.db, 'connect_sessions')).toBe(before);
  });

  it('refuses other origins and bodies with content, and spends nothing when refused', async () => {
    const s = await newSession(t);
    const secret = await handoff(s.token);
    expectProblem(
      await call(t.url, 'POST', REDEEM, { token: secret, headers: { origin: 'https://evil.example' } }),
      'ORIGIN_NOT_ALLOWED',
      403,
    );
    expectProblem(
      await call(t.url, 'POST', REDEEM, { token: secret, body: { session: 'x' } }),
      'INVALID_REQUEST',
      400,
    );
    expectProblem(
      await call(t.url, 'POST', REDEEM, {
        token: secret,
        raw: '{',
        headers: { 'content-type': 'application/json' },
      }),
      'INVALID_REQUEST',
      400,
    );
    // The refusals above left the link unopened.
    const ok = await call(t.url, 'POST', REDEEM, { token: secret, body: {} });
    expect(ok.status, ok.text).toBe(200);
  });

  it('a link of a session that connected meanwhile is refused; the admin’s session cannot pass it on', async () => {
    const s = await newSession(t);
    const late = await handoff(s.token);
    const early = await handoff(s.token);
    const child = RedeemHandoffResponse.parse((await call(t.url, 'POST', REDEEM, { token: early })).json);
    const p = expectProblem(
      await call(t.url, 'POST', '/v1/connect/handoffs', { token: child.session_token }),
      'FORBIDDEN',
      403,
    );
    expect(p.display_message).toBeTruthy();
    const done = await runAttempt(t, s.token, {
      system_id: 'fake-cmms',
      auth_method: 'api_key',
      values: { instance_url: 'https://cmms.example.com', api_key: 'good' },
    });
    expect((done.events.at(-1)?.data as { type: string } | undefined)?.type).toBe('succeeded');
    expectProblem(await call(t.url, 'POST', REDEEM, { token: late }), 'CONFLICT', 409);
    // The admin's session learned the end user connected: a second connection is refused there too.
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/attempts', {
        token: child.session_token,
        body: {
          system_id: 'fake-cmms',
          auth_method: 'api_key',
          values: { instance_url: 'https://cmms.example.com', api_key: 'good' },
        },
      }),
      'CONFLICT',
      409,
    );
  });
});
