import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionInfo } from '@flange/protocol';
import { call, connect, expectProblem, newSession, runAttempt, startTestServer } from '../testing/harness';
import type { TestServer } from '../testing/harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const host = 'https://app.acme.example';

describe('GET /v1/connect/session', () => {
  it('describes the session to the widget, with the last attempt for a reload', async () => {
    const s = await newSession(t, { systems: ['fake-cmms'], locale: 'de', allowed_origins: [host] });
    const r = await call(t.url, 'GET', '/v1/connect/session', { token: s.token });
    expect({ status: r.status, body: r.text }).toMatchObject({ status: 200 });
    const info = SessionInfo.parse(r.json);
    expect(info).toMatchObject({
      id: s.id,
      environment: 'test',
      systems: ['fake-cmms'],
      locale: 'de',
      host: { name: 'Test Host', logo_url: null },
      reconnect: null,
      last_attempt_id: null,
    });
    const { attemptId } = await runAttempt(t, s.token, {
      system_id: 'fake-cmms',
      auth_method: 'api_key',
      values: { instance_url: 'https://cmms.example.com', api_key: 'bad' },
    });
    const again = SessionInfo.parse(
      (await call(t.url, 'GET', '/v1/connect/session', { token: s.token })).json,
    );
    expect(again.last_attempt_id).toBe(attemptId);
  });

  it('tells a reconnect session what it reconnects', async () => {
    const c = await connect(t);
    const s = await newSession(t, { reconnect_connection_id: c.connectionId });
    const info = SessionInfo.parse(
      (await call(t.url, 'GET', '/v1/connect/session', { token: s.token })).json,
    );
    expect(info.reconnect).toEqual({
      connection_id: c.connectionId,
      system_id: 'fake-cmms',
      auth_method: 'api_key',
      instance_url: 'https://cmms.example.com',
    });
    expect(info.systems).toEqual(['fake-cmms']);
  });

  it('answers the allowed origins and our own hosted page only, with CORS for them', async () => {
    const s = await newSession(t, { allowed_origins: [host] });
    const ok = await call(t.url, 'GET', '/v1/connect/session', { token: s.token, headers: { origin: host } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(host);
    expect(ok.headers.get('access-control-expose-headers')).toMatch(/X-Request-Id/);
    expect(ok.headers.get('vary')).toMatch(/Origin/);
    const own = await call(t.url, 'GET', '/v1/connect/session', {
      token: s.token,
      headers: { origin: t.url },
    });
    expect(own.status).toBe(200);
    for (const evil of [
      'https://app.acme.example.evil.com',
      'http://app.acme.example',
      'https://app.acme.example:8443',
      'null',
    ]) {
      const r = await call(t.url, 'GET', '/v1/connect/session', {
        token: s.token,
        headers: { origin: evil },
      });
      expectProblem(r, 'ORIGIN_NOT_ALLOWED', 403);
      expect(r.text).not.toContain(s.id);
    }
    // Without allowed_origins, only our own origin and non-browser callers are served.
    const none = await newSession(t);
    expectProblem(
      await call(t.url, 'GET', '/v1/connect/session', { token: none.token, headers: { origin: host } }),
      'ORIGIN_NOT_ALLOWED',
    );
  });

  it('answers the preflight for the request shape the widget sends', async () => {
    const r = await call(t.url, 'OPTIONS', '/v1/connect/session', {
      headers: {
        origin: host,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe(host);
    expect(r.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(r.headers.get('access-control-allow-methods')).toBe('GET');
    expect(r.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('refuses an expired session with SESSION_EXPIRED and a message for the user', async () => {
    const s = await newSession(t);
    t.clock.advance(30 * 60 * 1000);
    try {
      const p = expectProblem(
        await call(t.url, 'GET', '/v1/connect/session', { token: s.token }),
        'SESSION_EXPIRED',
        401,
      );
      expect(p.display_message).toMatch(/expired/);
    } finally {
      t.clock.advance(-30 * 60 * 1000);
    }
  });

  it('refuses unknown, malformed, wrong-kind and query-string tokens', async () => {
    expectProblem(
      await call(t.url, 'GET', '/v1/connect/session', { token: `fls_${'z'.repeat(43)}` }),
      'UNAUTHORIZED',
      401,
    );
    expectProblem(
      await call(t.url, 'GET', '/v1/connect/session', { token: 'fls_short' }),
      'TOKEN_MALFORMED',
      401,
    );
    expectProblem(
      await call(t.url, 'GET', '/v1/connect/session', { token: t.testKey }),
      'WRONG_TOKEN_KIND',
      401,
    );
    const s = await newSession(t);
    expectProblem(
      await call(t.url, 'GET', `/v1/connect/session?session_token=${s.token}`),
      'TOKEN_IN_QUERY',
      400,
    );
    const del = await call(t.url, 'DELETE', '/v1/connect/session', { token: s.token });
    expectProblem(del, 'METHOD_NOT_ALLOWED', 405);
    expect(del.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });
});
