import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionView } from '@flange/protocol';
import { newConnectionToken } from '../crypto/tokens';
import type { Db } from '../db/types';
import { call, connect, expectProblem, startTestServer } from '../testing/harness';
import type { TestServer } from '../testing/harness';
import { createTestDb } from '../testing/test-db';
import type { TestDb } from '../testing/test-db';

let t: TestServer;
let queries = 0;

/** Counts every query the server makes, to prove a malformed token is refused without one. */
function counting(db: TestDb): TestDb {
  const wrap = (inner: Db): Db => ({
    query: (sql, params) => {
      queries++;
      return inner.query(sql, params);
    },
    exec: (sql) => inner.exec(sql),
    transaction: (fn) => inner.transaction((tx) => fn(wrap(tx))),
    close: () => inner.close(),
  });
  return Object.assign(wrap(db), { kind: db.kind });
}

beforeAll(async () => {
  const db = await createTestDb();
  t = await startTestServer({ db: counting(db) });
  t.close = ((close) => async () => {
    await close();
    await db.close();
  })(t.close);
});
afterAll(() => t.close());

describe('GET /v1/connection', () => {
  it('answers the status of the token’s own connection, and only that one', async () => {
    const a = await connect(t, {
      values: { instance_url: 'https://cmms.example.com', api_key: 'good-canary5150' },
    });
    const b = await connect(t, { session: { end_user: { id: 'other-user' } } });
    const ra = await call(t.url, 'GET', '/v1/connection', { token: a.accessToken });
    expect({ status: ra.status, body: ra.text }).toMatchObject({ status: 200 });
    const va = ConnectionView.parse(ra.json);
    expect(va).toMatchObject({
      id: a.connectionId,
      status: 'active',
      reauthorization_required: false,
      environment: 'test',
    });
    expect(va.system).toEqual({ id: 'fake-cmms', name: 'Fake CMMS' });
    expect(va.entities_verified.map((e) => e.id)).toEqual(['assets', 'workorders']);
    expect(va.last_verification?.outcome).toBe('succeeded');
    expect(va.last_verification?.steps.map((s) => s.step)).toEqual([
      'resolve',
      'connect',
      'authenticate',
      'authorize',
      'store',
    ]);
    const rb = await call(t.url, 'GET', '/v1/connection', { token: b.accessToken });
    expect((rb.json as { id: string }).id).toBe(b.connectionId);
    expect(ra.text).not.toMatch(/canary5150|flc_|flp_/);
  });

  it('refuses a token with a bad checksum without touching storage', async () => {
    const { accessToken } = await connect(t);
    const last = accessToken.at(-1) === 'A' ? 'B' : 'A';
    const tampered = accessToken.slice(0, -1) + last;
    const before = queries;
    const r = await call(t.url, 'GET', '/v1/connection', { token: tampered });
    expectProblem(r, 'TOKEN_MALFORMED', 401);
    const fresh = newConnectionToken('test');
    const swapped = fresh.slice(0, 12) + (fresh[12] === 'a' ? 'b' : 'a') + fresh.slice(13);
    expectProblem(await call(t.url, 'GET', '/v1/connection', { token: swapped }), 'TOKEN_MALFORMED', 401);
    expect(queries).toBe(before);
    // A well-formed but unknown token does need the lookup, and is simply not valid.
    expectProblem(await call(t.url, 'GET', '/v1/connection', { token: fresh }), 'UNAUTHORIZED', 401);
    expect(queries).toBeGreaterThan(before);
  });

  it('distinguishes revoked and expired-after-rotation tokens', async () => {
    const c = await connect(t);
    await t.db.query('UPDATE connection_tokens SET expires_at = $2 WHERE connection_id = $1', [
      c.connectionId,
      new Date(t.clock.now().getTime() + 60_000),
    ]);
    expect((await call(t.url, 'GET', '/v1/connection', { token: c.accessToken })).status).toBe(200);
    t.clock.advance(60_001);
    expectProblem(await call(t.url, 'GET', '/v1/connection', { token: c.accessToken }), 'TOKEN_EXPIRED', 401);
    const d = await connect(t);
    const del = await call(t.url, 'DELETE', `/v1/connections/${d.connectionId}`, { token: t.testKey });
    expect(del.status).toBe(200);
    expectProblem(await call(t.url, 'GET', '/v1/connection', { token: d.accessToken }), 'TOKEN_REVOKED', 401);
  });

  it('refuses other token kinds, a missing token and a token in the query string', async () => {
    const c = await connect(t);
    expectProblem(await call(t.url, 'GET', '/v1/connection', { token: t.testKey }), 'WRONG_TOKEN_KIND', 401);
    expectProblem(
      await call(t.url, 'GET', '/v1/connection', { token: c.sessionToken }),
      'WRONG_TOKEN_KIND',
      401,
    );
    expectProblem(await call(t.url, 'GET', '/v1/connection'), 'UNAUTHORIZED', 401);
    expectProblem(await call(t.url, 'GET', `/v1/connection?token=${c.accessToken}`), 'TOKEN_IN_QUERY', 400);
    expectProblem(await call(t.url, 'GET', `/v1/connection?t=${c.accessToken}`), 'TOKEN_IN_QUERY', 400);
    // A live-prefixed copy of a test token fails its checksum: the prefix is covered too.
    expectProblem(
      await call(t.url, 'GET', '/v1/connection', { token: c.accessToken.replace('flc_test_', 'flc_live_') }),
      'TOKEN_MALFORMED',
    );
    expectProblem(
      await call(t.url, 'POST', '/v1/connection', { token: c.accessToken }),
      'METHOD_NOT_ALLOWED',
      405,
    );
    // None of this harmed the token.
    expect((await call(t.url, 'GET', '/v1/connection', { token: c.accessToken })).status).toBe(200);
  });

  it('never logs a connection token, only its prefix and last four', async () => {
    const c = await connect(t);
    await call(t.url, 'GET', '/v1/connection', { token: c.accessToken });
    await call(t.url, 'GET', `/v1/connection?access_token=${c.accessToken}`);
    const logs = t.logs.join('\n');
    expect(logs).not.toContain(c.accessToken);
    expect(logs).not.toContain(c.publicToken);
    expect(logs).not.toContain(c.sessionToken);
    expect(logs).toContain(`flc_test_…${c.accessToken.slice(-4)}`);
  });
});
