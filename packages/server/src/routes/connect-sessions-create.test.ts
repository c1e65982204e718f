import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateSessionResponse } from '@flange/protocol';
import { call, countRows, expectProblem, startTestServer } from '../testing/harness';
import type { TestServer } from '../testing/harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const endUser = { id: 'user-1', name: 'Dana', email: 'dana@plant7.example', organization: 'Plant 7' };

describe('POST /v1/connect/sessions', () => {
  it('creates a session with a token, a connect_url carrying only the session id, and a ≤30 min expiry', async () => {
    const r = await call(t.url, 'POST', '/v1/connect/sessions', {
      token: t.testKey,
      body: {
        end_user: endUser,
        systems: ['fake-cmms'],
        allowed_origins: ['https://app.example.com'],
        locale: 'de',
        metadata: { plan: 'pro' },
      },
    });
    expect({ status: r.status, body: r.text }).toMatchObject({ status: 201 });
    const body = CreateSessionResponse.parse(r.json);
    expect(body.session_token).toMatch(/^fls_[0-9A-Za-z]{43}$/);
    const u = new URL(body.connect_url);
    expect(`${u.origin}${u.pathname}`).toBe(`${t.url}/connect`);
    expect(u.searchParams.get('session')).toMatch(/^cs_[0-9A-Za-z]{24}$/);
    expect(body.connect_url).not.toContain(body.session_token);
    const ttl = new Date(body.expires_at).getTime() - t.clock.now().getTime();
    expect(ttl).toBe(30 * 60 * 1000);
    // Stored as a hash, never the token.
    const { rows } = await t.db.query<{ token_hash: string }>(
      'SELECT token_hash FROM connect_sessions WHERE id = $1',
      [u.searchParams.get('session')],
    );
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(body.session_token);
  });

  it('refuses malformed JSON, wrong types, unknown fields and oversize bodies, writing nothing', async () => {
    const before = await countRows(t.db, 'connect_sessions');
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/sessions', {
        token: t.testKey,
        raw: '{"end_user":',
        headers: { 'content-type': 'application/json' },
      }),
      'INVALID_REQUEST',
      400,
    );
    const wrongType = expectProblem(
      await call(t.url, 'POST', '/v1/connect/sessions', { token: t.testKey, body: { end_user: { id: 42 } } }),
      'INVALID_REQUEST',
      400,
    );
    expect(wrongType.param).toBe('end_user.id');
    const unknown = expectProblem(
      await call(t.url, 'POST', '/v1/connect/sessions', {
        token: t.testKey,
        body: { end_user: endUser, admin: true },
      }),
      'INVALID_REQUEST',
      400,
    );
    expect(unknown.issues).toContainEqual({ path: 'admin', message: 'Unknown field.' });
    const nestedUnknown = expectProblem(
      await call(t.url, 'POST', '/v1/connect/sessions', {
        token: t.testKey,
        body: { end_user: { ...endUser, role: 'x' } },
      }),
      'INVALID_REQUEST',
    );
    expect(nestedUnknown.issues?.[0]?.path).toBe('end_user.role');
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/sessions', {
        token: t.testKey,
        body: { end_user: endUser, note: 'x'.repeat(200_000) },
      }),
      'PAYLOAD_TOO_LARGE',
      413,
    );
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/sessions', { token: t.testKey, body: [endUser] }),
      'INVALID_REQUEST',
      400,
    );
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/sessions', { token: t.testKey }),
      'INVALID_REQUEST',
      400,
    );
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/sessions', {
        token: t.testKey,
        raw: 'end_user=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      'UNSUPPORTED_MEDIA_TYPE',
      415,
    );
    expect(await countRows(t.db, 'connect_sessions')).toBe(before);
  });

  it('refuses wildcard or path origins, unknown systems and bad locales', async () => {
    for (const origins of [
      ['*'],
      ['https://*.example.com'],
      ['https://app.example.com/path'],
      ['https:'],
      ['javascript:alert(1)'],
    ]) {
      const p = expectProblem(
        await call(t.url, 'POST', '/v1/connect/sessions', {
          token: t.testKey,
          body: { end_user: endUser, allowed_origins: origins },
        }),
        'INVALID_REQUEST',
      );
      expect(p.param).toBe('allowed_origins.0');
    }
    const sys = expectProblem(
      await call(t.url, 'POST', '/v1/connect/sessions', {
        token: t.testKey,
        body: { end_user: endUser, systems: ['fake-cmms', 'nope'] },
      }),
      'INVALID_REQUEST',
    );
    expect(sys.param).toBe('systems.1');
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/sessions', {
        token: t.testKey,
        body: { end_user: endUser, locale: 'xx' },
      }),
      'INVALID_REQUEST',
    );
  });

  it('refuses a missing, malformed, wrong-kind, unknown or query-string token', async () => {
    const body = { end_user: endUser };
    const before = await countRows(t.db, 'connect_sessions');
    expectProblem(await call(t.url, 'POST', '/v1/connect/sessions', { body }), 'UNAUTHORIZED', 401);
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/sessions', {
        body,
        headers: { authorization: `Basic ${t.testKey}` },
      }),
      'UNAUTHORIZED',
      401,
    );
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/sessions', { body, token: 'sk_test_123' }),
      'TOKEN_MALFORMED',
      401,
    );
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/sessions', { body, token: 'flk_test_short' }),
      'TOKEN_MALFORMED',
      401,
    );
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/sessions', { body, token: `fls_${'a'.repeat(43)}` }),
      'WRONG_TOKEN_KIND',
      401,
    );
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/sessions', { body, token: `flk_test_${'a'.repeat(43)}` }),
      'UNAUTHORIZED',
      401,
    );
    expectProblem(
      await call(t.url, 'POST', `/v1/connect/sessions?key=${t.testKey}`, { body }),
      'TOKEN_IN_QUERY',
      400,
    );
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/sessions?access_token=x', { body, token: t.testKey }),
      'TOKEN_IN_QUERY',
      400,
    );
    expect(await countRows(t.db, 'connect_sessions')).toBe(before);
  });

  it('refuses a revoked or expired secret key with its own code', async () => {
    const body = { end_user: endUser };
    const { rows } = await t.db.query<{ id: string }>(
      `INSERT INTO secret_keys (id, environment_id, key_hash, masked, created_at, revoked_at)
       VALUES ('key_revoked', $1, $2, 'flk_test_…xxxx', $3, $3) RETURNING id`,
      [
        t.testEnvironmentId,
        (await import('../crypto/tokens')).hashToken(t.pepper, `flk_test_${'r'.repeat(43)}`),
        t.clock.now(),
      ],
    );
    expect(rows).toHaveLength(1);
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/sessions', { body, token: `flk_test_${'r'.repeat(43)}` }),
      'TOKEN_REVOKED',
      401,
    );
    await t.db.query(
      `INSERT INTO secret_keys (id, environment_id, key_hash, masked, created_at, expires_at)
       VALUES ('key_expired', $1, $2, 'flk_test_…yyyy', $3, $3)`,
      [
        t.testEnvironmentId,
        (await import('../crypto/tokens')).hashToken(t.pepper, `flk_test_${'e'.repeat(43)}`),
        t.clock.now(),
      ],
    );
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/sessions', { body, token: `flk_test_${'e'.repeat(43)}` }),
      'TOKEN_EXPIRED',
      401,
    );
  });

  it('never answers a browser preflight for secret-key routes, and 405s other methods', async () => {
    const pre = await call(t.url, 'OPTIONS', '/v1/connect/sessions', {
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expectProblem(pre, 'METHOD_NOT_ALLOWED', 405);
    const get = await call(t.url, 'GET', '/v1/connect/sessions', { token: t.testKey });
    expectProblem(get, 'METHOD_NOT_ALLOWED', 405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('logs the request with a masked key and never the key itself', async () => {
    const r = await call(t.url, 'POST', '/v1/connect/sessions', {
      token: t.testKey,
      body: { end_user: endUser },
    });
    const token = (r.json as { session_token: string }).session_token;
    const lines = t.logs.filter((l) => l.includes(r.headers.get('x-request-id') ?? '-'));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).toContain(`flk_test_…${t.testKey.slice(-4)}`);
    const all = t.logs.join('\n');
    expect(all).not.toContain(t.testKey);
    expect(all).not.toContain(token);
  });
});
