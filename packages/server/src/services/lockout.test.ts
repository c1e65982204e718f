import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttemptEvent } from '@flange/protocol';
import { call, expectProblem, newSession, runAttempt, startTestServer } from '../testing/harness';
import type { TestServer } from '../testing/harness';

/** Lockout safety (issue 3; security.md §7): counted before any upstream call, per host+user and per session. */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const pw = (username: string, password: string, host = 'https://plant.example.com') => ({
  system_id: 'fake-cmms',
  auth_method: 'password',
  values: { instance_url: host, username, password },
});
const last = (events: { data: unknown }[]) =>
  AttemptEvent.parse(events.at(-1)?.data) as { type: string; error?: { code: string } };
const callsFor = (username: string) => t.fake.calls.filter((c) => c.values.username === username).length;

describe('lockout guard', () => {
  it('after 3 failed sign-ins for a user at a host, the 4th is refused before any upstream call, from any session', async () => {
    const s1 = await newSession(t);
    for (let i = 0; i < 3; i++)
      expect(last((await runAttempt(t, s1.token, pw('alice', 'bad'))).events).error?.code).toBe(
        'INVALID_CREDENTIALS',
      );
    expect(callsFor('alice')).toBe(3);
    const s2 = await newSession(t, { end_user: { id: 'someone-else' } });
    const r = await call(t.url, 'POST', '/v1/connect/attempts', {
      token: s2.token,
      body: pw('ALICE', 'good'),
    });
    const p = expectProblem(r, 'TOO_MANY_ATTEMPTS', 429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(p.retry_after).toBe(Number(r.headers.get('retry-after')));
    expect(p.display_message).toMatch(/avoid locking the account/);
    expect(callsFor('alice') + callsFor('ALICE')).toBe(3);
    // Another user, or the same user on another instance, is not affected.
    expect(
      last((await runAttempt(t, s2.token, pw('alice', 'good', 'https://other-plant.example.com'))).events)
        .type,
    ).toBe('succeeded');
    // The window ends: the user may try again.
    t.clock.advance(15 * 60 * 1000 + 1000);
    const s3 = await newSession(t);
    expect(last((await runAttempt(t, s3.token, pw('alice', 'good'))).events).type).toBe('succeeded');
  });

  it('counts parallel attempts together: three in flight, a fourth refused', async () => {
    const sessions = await Promise.all([0, 1, 2, 3].map((i) => newSession(t, { end_user: { id: `p${i}` } })));
    const held = sessions
      .slice(0, 3)
      .map((s) => call(t.url, 'POST', '/v1/connect/attempts', { token: s.token, body: pw('bob', 'hold') }));
    const replies = await Promise.all(held);
    expect(replies.map((r) => r.status)).toEqual([202, 202, 202]);
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/attempts', {
        token: sessions[3]!.token,
        body: pw('bob', 'good'),
      }),
      'TOO_MANY_ATTEMPTS',
    );
    while (t.fake.heldCount < 3) await new Promise((r) => setTimeout(r, 20));
    t.fake.release();
    await t.server.ctx.runner.drain();
  });

  it('a success clears the count; failures before sign-in give their reservation back', async () => {
    const s = await newSession(t);
    for (let i = 0; i < 2; i++) await runAttempt(t, s.token, pw('carol', 'bad'));
    const s2 = await newSession(t);
    expect(last((await runAttempt(t, s2.token, pw('carol', 'good'))).events).type).toBe('succeeded');
    const s3 = await newSession(t);
    for (let i = 0; i < 4; i++)
      expect(last((await runAttempt(t, s3.token, pw('dave', 'unreachable'))).events).error?.code).toBe(
        'INSTANCE_UNREACHABLE',
      );
    const { rows } = await t.db.query<{ failures: number }>(
      "SELECT failures FROM lockout_counters WHERE key LIKE 'idn:%' ORDER BY updated_at DESC LIMIT 1",
    );
    expect(rows[0]?.failures).toBe(0);
  });

  it('an ACCOUNT_LOCKED answer stops every further attempt for that user at once', async () => {
    const s = await newSession(t);
    expect(last((await runAttempt(t, s.token, pw('erin', 'locked'))).events).error?.code).toBe(
      'ACCOUNT_LOCKED',
    );
    const s2 = await newSession(t);
    const p = expectProblem(
      await call(t.url, 'POST', '/v1/connect/attempts', { token: s2.token, body: pw('erin', 'good') }),
      'TOO_MANY_ATTEMPTS',
    );
    expect(p.display_message).toMatch(/locked/);
    expect(callsFor('erin')).toBe(1);
  });

  it('an IP_BLOCKED answer pauses sign-ins to that host for every user', async () => {
    const host = 'https://blocked-plant.example.com';
    const s = await newSession(t);
    expect(last((await runAttempt(t, s.token, pw('frank', 'blocked', host))).events).error?.code).toBe(
      'IP_BLOCKED',
    );
    const s2 = await newSession(t);
    const p = expectProblem(
      await call(t.url, 'POST', '/v1/connect/attempts', { token: s2.token, body: pw('grace', 'good', host) }),
      'TOO_MANY_ATTEMPTS',
    );
    expect(p.display_message).toMatch(/refused our address/);
    expect(callsFor('grace')).toBe(0);
  });

  it('a session gets at most 5 attempts in the window, whatever the users', async () => {
    const s = await newSession(t);
    for (let i = 0; i < 5; i++) await runAttempt(t, s.token, pw(`user${i}`, 'bad'));
    const before = t.fake.calls.length;
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/attempts', { token: s.token, body: pw('user9', 'good') }),
      'TOO_MANY_ATTEMPTS',
      429,
    );
    expect(t.fake.calls.length).toBe(before);
  });

  it('keys counters by hash: no user name or host in storage', async () => {
    const { rows } = await t.db.query<{ key: string }>('SELECT key FROM lockout_counters');
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toMatch(/alice|plant\.example/);
  });
});
