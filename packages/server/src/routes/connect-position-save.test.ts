import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, countRows, expectProblem, newSession, startTestServer } from '../testing/harness';
import type { TestServer } from '../testing/harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const PATH = '/v1/connect/position';
const position = {
  system_id: 'fake-cmms',
  auth_method: 'password',
  values: { instance_url: 'https://cmms.example.com', username: 'dana' },
};

describe('POST /v1/connect/position', () => {
  it('saves, replaces and clears the position, answering 204', async () => {
    const s = await newSession(t);
    const r = await call(t.url, 'POST', PATH, { token: s.token, body: { position } });
    expect(r.status, r.text).toBe(204);
    expect(r.text).toBe('');
    expect(
      (await call(t.url, 'POST', PATH, { token: s.token, body: { position: { system_id: 'fake-erp' } } }))
        .status,
    ).toBe(204);
    const { rows } = await t.db.query<{ position: unknown }>('SELECT position FROM connect_positions');
    expect(rows.map((x) => x.position)).toContainEqual({ system_id: 'fake-erp' });
    expect((await call(t.url, 'POST', PATH, { token: s.token, body: { position: null } })).status).toBe(204);
    const { rows: after } = await t.db.query('SELECT 1 FROM connect_positions WHERE session_id = $1', [s.id]);
    expect(after).toHaveLength(0);
  });

  it('refuses secrets, unknown fields and systems, other sessions’ systems, and malformed bodies, saving nothing', async () => {
    const s = await newSession(t, { systems: ['fake-cmms'] });
    const before = await countRows(t.db, 'connect_positions');
    const cases: [unknown, string][] = [
      [{ position: { ...position, values: { password: 'hunter2-canary' } } }, 'position.values.password'],
      [{ position: { ...position, values: { nope: 'x' } } }, 'position.values.nope'],
      [{ position: { system_id: 'fake-erp' } }, 'position.system_id'],
      [{ position: { system_id: 'fake-cmms', auth_method: 'saml' } }, 'position.auth_method'],
      [{ position: { system_id: 'fake-cmms', extra: 1 } }, 'position.extra'],
    ];
    for (const [body, param] of cases) {
      const p = expectProblem(
        await call(t.url, 'POST', PATH, { token: s.token, body }),
        'INVALID_REQUEST',
        400,
      );
      expect(p.param, JSON.stringify(body)).toBe(param);
    }
    expectProblem(await call(t.url, 'POST', PATH, { token: s.token, body: {} }), 'INVALID_REQUEST', 400);
    expectProblem(await call(t.url, 'POST', PATH, { token: s.token }), 'INVALID_REQUEST', 400);
    expectProblem(
      await call(t.url, 'POST', PATH, {
        token: s.token,
        raw: '{"position":',
        headers: { 'content-type': 'application/json' },
      }),
      'INVALID_REQUEST',
    );
    expectProblem(
      await call(t.url, 'POST', PATH, {
        token: s.token,
        body: { position: { ...position, values: { instance_url: 'x'.repeat(120_000) } } },
      }),
      'PAYLOAD_TOO_LARGE',
      413,
    );
    expect(await countRows(t.db, 'connect_positions')).toBe(before);
    expect(t.logs.join('\n')).not.toContain('hunter2-canary');
  });

  it('refuses missing, wrong-kind and expired tokens', async () => {
    expectProblem(await call(t.url, 'POST', PATH, { body: { position } }), 'UNAUTHORIZED', 401);
    expectProblem(
      await call(t.url, 'POST', PATH, { token: t.testKey, body: { position } }),
      'WRONG_TOKEN_KIND',
      401,
    );
    const s = await newSession(t);
    t.clock.advance(31 * 60 * 1000);
    try {
      expectProblem(
        await call(t.url, 'POST', PATH, { token: s.token, body: { position } }),
        'SESSION_EXPIRED',
        401,
      );
    } finally {
      t.clock.advance(-31 * 60 * 1000);
    }
  });
});
