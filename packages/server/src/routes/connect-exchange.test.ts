import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExchangeResponse, TOKEN_PATTERNS } from '@flange/protocol';
import {
  call,
  connect,
  countRows,
  expectProblem,
  newSession,
  runAttempt,
  startTestServer,
} from '../testing/harness';
import type { TestServer } from '../testing/harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

async function publicTokenFor(
  values: Record<string, string> = { instance_url: 'https://cmms.example.com', api_key: 'good' },
) {
  const s = await newSession(t);
  const { events } = await runAttempt(t, s.token, { system_id: 'fake-cmms', auth_method: 'api_key', values });
  const last = events.at(-1)?.data as { type: string; public_token: string; connection: { id: string } };
  expect(last.type).toBe('succeeded');
  return { publicToken: last.public_token, connectionId: last.connection.id, sessionToken: s.token };
}

describe('POST /v1/connect/exchange', () => {
  it('exchanges a public token once for the connection id and a checksummed connection token', async () => {
    const { publicToken, connectionId } = await publicTokenFor();
    expect(publicToken).toMatch(TOKEN_PATTERNS.public);
    const r = await call(t.url, 'POST', '/v1/connect/exchange', {
      token: t.testKey,
      body: { public_token: publicToken },
    });
    expect({ status: r.status, body: r.text }).toMatchObject({ status: 200 });
    const body = ExchangeResponse.parse(r.json);
    expect(body.connection_id).toBe(connectionId);
    expect(body.access_token).toMatch(TOKEN_PATTERNS.connection);
    expect(body.access_token.startsWith('flc_test_')).toBe(true);
    expect(body.connection.status).toBe('active');
    // Stored by hash only.
    const { rows } = await t.db.query<{ token_hash: string; masked: string }>(
      'SELECT token_hash, masked FROM connection_tokens WHERE connection_id = $1',
      [connectionId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.masked).toBe(`flc_test_…${body.access_token.slice(-4)}`);
    expect(JSON.stringify(rows)).not.toContain(body.access_token);

    const again = expectProblem(
      await call(t.url, 'POST', '/v1/connect/exchange', {
        token: t.testKey,
        body: { public_token: publicToken },
      }),
      'PUBLIC_TOKEN_USED',
      400,
    );
    expect(again.param).toBe('public_token');
    expect(await countRows(t.db, 'connection_tokens')).toBeGreaterThanOrEqual(1);
    const { rows: after } = await t.db.query('SELECT id FROM connection_tokens WHERE connection_id = $1', [
      connectionId,
    ]);
    expect(after).toHaveLength(1);
  });

  it('lets exactly one of two simultaneous exchanges win', async () => {
    const { publicToken, connectionId } = await publicTokenFor();
    const [a, b] = await Promise.all([
      call(t.url, 'POST', '/v1/connect/exchange', { token: t.testKey, body: { public_token: publicToken } }),
      call(t.url, 'POST', '/v1/connect/exchange', { token: t.testKey, body: { public_token: publicToken } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 400]);
    expectProblem(a.status === 400 ? a : b, 'PUBLIC_TOKEN_USED');
    const { rows } = await t.db.query('SELECT id FROM connection_tokens WHERE connection_id = $1', [
      connectionId,
    ]);
    expect(rows).toHaveLength(1);
  });

  it('refuses another environment, an expired, unknown or malformed public token, writing nothing', async () => {
    const { publicToken } = await publicTokenFor();
    const before = await countRows(t.db, 'connection_tokens');
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/exchange', {
        token: t.liveKey,
        body: { public_token: publicToken },
      }),
      'PUBLIC_TOKEN_INVALID',
      400,
    );
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/exchange', {
        token: t.testKey,
        body: { public_token: `flp_${'x'.repeat(43)}` },
      }),
      'PUBLIC_TOKEN_INVALID',
    );
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/exchange', {
        token: t.testKey,
        body: { public_token: 'not-a-token' },
      }),
      'PUBLIC_TOKEN_INVALID',
    );
    t.clock.advance(10 * 60 * 1000 + 1);
    try {
      expectProblem(
        await call(t.url, 'POST', '/v1/connect/exchange', {
          token: t.testKey,
          body: { public_token: publicToken },
        }),
        'PUBLIC_TOKEN_INVALID',
      );
    } finally {
      t.clock.advance(-(10 * 60 * 1000 + 1));
    }
    expect(await countRows(t.db, 'connection_tokens')).toBe(before);
  });

  it('refuses bad bodies and the wrong token kinds', async () => {
    const { publicToken, sessionToken } = await publicTokenFor();
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/exchange', { token: t.testKey, body: {} }),
      'INVALID_REQUEST',
    );
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/exchange', {
        token: t.testKey,
        body: { public_token: publicToken, extra: 1 },
      }),
      'INVALID_REQUEST',
    );
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/exchange', { token: t.testKey, body: { public_token: 7 } }),
      'INVALID_REQUEST',
    );
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/exchange', {
        token: sessionToken,
        body: { public_token: publicToken },
      }),
      'WRONG_TOKEN_KIND',
      401,
    );
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/exchange', {
        token: publicToken,
        body: { public_token: publicToken },
      }),
      'WRONG_TOKEN_KIND',
      401,
    );
    // Still exchangeable: none of the refusals used it up.
    const ok = await call(t.url, 'POST', '/v1/connect/exchange', {
      token: t.testKey,
      body: { public_token: publicToken },
    });
    expect(ok.status).toBe(200);
  });

  it('reconnect: same connection id, new token at exchange, the old token dead from then on', async () => {
    const first = await connect(t);
    const status = () => call(t.url, 'GET', '/v1/connection', { token: first.accessToken });
    expect((await status()).status).toBe(200);
    const s = await newSession(t, { reconnect_connection_id: first.connectionId });
    const { events } = await runAttempt(t, s.token, {
      system_id: 'fake-cmms',
      auth_method: 'api_key',
      values: { instance_url: 'https://cmms-new.example.com', api_key: 'good-rotated' },
    });
    const store = events.find(
      (e) =>
        (e.data as { step?: string; status?: string }).step === 'store' &&
        (e.data as { status: string }).status === 'succeeded',
    )?.data as { detail: string };
    expect(store.detail).toMatch(
      /instance address changed from https:\/\/cmms.example.com to https:\/\/cmms-new.example.com/,
    );
    const last = events.at(-1)?.data as { type: string; public_token: string; connection: { id: string } };
    expect(last.type).toBe('succeeded');
    expect(last.connection.id).toBe(first.connectionId);
    // Until the exchange, the old token keeps working (the host still holds only it).
    expect((await status()).status).toBe(200);
    const ex = await call(t.url, 'POST', '/v1/connect/exchange', {
      token: t.testKey,
      body: { public_token: last.public_token },
    });
    expect({ status: ex.status, body: ex.text }).toMatchObject({ status: 200 });
    const body = ExchangeResponse.parse(ex.json);
    expect(body.connection_id).toBe(first.connectionId);
    expect(body.access_token).not.toBe(first.accessToken);
    expect(body.connection.instance_url).toBe('https://cmms-new.example.com');
    expectProblem(await status(), 'TOKEN_REVOKED', 401);
    const now = await call(t.url, 'GET', '/v1/connection', { token: body.access_token });
    expect(now.status).toBe(200);
    expect((now.json as { id: string }).id).toBe(first.connectionId);
    expect(await countRows(t.db, 'connections')).toBeGreaterThan(0);
    const { rows } = await t.db.query('SELECT id FROM connections WHERE id = $1', [first.connectionId]);
    expect(rows).toHaveLength(1);
  });

  it('reconnect sessions: only the connection system, never a revoked or foreign connection', async () => {
    const c = await connect(t);
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/sessions', {
        token: t.testKey,
        body: { end_user: { id: 'u' }, reconnect_connection_id: c.connectionId, systems: ['fake-erp'] },
      }),
      'INVALID_REQUEST',
    );
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/sessions', {
        token: t.liveKey,
        body: { end_user: { id: 'u' }, reconnect_connection_id: c.connectionId },
      }),
      'NOT_FOUND',
      404,
    );
    const s = await newSession(t, { reconnect_connection_id: c.connectionId });
    const other = await call(t.url, 'POST', '/v1/connect/attempts', {
      token: s.token,
      body: {
        system_id: 'fake-erp',
        auth_method: 'api_key',
        values: { instance_url: 'https://erp.example.com', api_key: 'good' },
      },
    });
    expectProblem(other, 'SYSTEM_NOT_ALLOWED', 403);
    await call(t.url, 'DELETE', `/v1/connections/${c.connectionId}`, { token: t.testKey });
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/sessions', {
        token: t.testKey,
        body: { end_user: { id: 'u' }, reconnect_connection_id: c.connectionId },
      }),
      'CONFLICT',
      409,
    );
    // A session created before the revoke fails at the store step, and the connection stays revoked.
    const { events } = await runAttempt(t, s.token, {
      system_id: 'fake-cmms',
      auth_method: 'api_key',
      values: { instance_url: 'https://cmms.example.com', api_key: 'good' },
    });
    const last = events.at(-1)?.data as { type: string; error: { code: string; step: string } };
    expect(last.type).toBe('failed');
    expect(last.error).toMatchObject({ code: 'CONFLICT', step: 'store' });
    const { rows } = await t.db.query<{ status: string; n: number }>(
      'SELECT status, (SELECT count(*)::int FROM credentials WHERE connection_id = $1) AS n FROM connections WHERE id = $1',
      [c.connectionId],
    );
    expect(rows[0]).toEqual({ status: 'revoked', n: 0 });
  });
});
