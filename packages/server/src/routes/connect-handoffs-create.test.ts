import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HandoffCreated } from '@flange/protocol';
import { call, countRows, expectProblem, newSession, runAttempt, startTestServer } from '../testing/harness';
import type { TestServer } from '../testing/harness';
import { MAX_OPEN_HANDOFFS } from './connect-handoff-store';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const PATH = '/v1/connect/handoffs';

describe('POST /v1/connect/handoffs', () => {
  it('creates a link with the one-time secret in its fragment, expiring with the session, storing only a hash', async () => {
    const s = await newSession(t);
    const r = await call(t.url, 'POST', PATH, {
      token: s.token,
      body: {
        resume: {
          system_id: 'fake-cmms',
          auth_method: 'api_key',
          values: { instance_url: 'https://cmms.example.com' },
        },
      },
    });
    expect(r.status, r.text).toBe(201);
    const created = HandoffCreated.parse(r.json);
    const url = new URL(created.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${t.url}/connect`);
    expect(url.search).toBe('');
    const secret = url.hash.slice(1);
    expect(secret).toMatch(/^flh_[0-9A-Za-z]{43}$/);
    const info = (await call(t.url, 'GET', '/v1/connect/session', { token: s.token })).json as {
      expires_at: string;
    };
    expect(created.expires_at).toBe(info.expires_at);
    const { rows } = await t.db.query('SELECT * FROM connect_handoffs WHERE id = $1', [created.id]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(t.logs.join('\n')).not.toContain(secret);
  });

  it('accepts an empty POST (no resume point) and two links are different', async () => {
    const s = await newSession(t);
    const a = HandoffCreated.parse((await call(t.url, 'POST', PATH, { token: s.token })).json);
    const b = HandoffCreated.parse((await call(t.url, 'POST', PATH, { token: s.token, body: {} })).json);
    expect(a.url).not.toBe(b.url);
  });

  it('refuses a secret in the resume values, unknown fields, systems outside the session and bad bodies', async () => {
    const s = await newSession(t, { systems: ['fake-cmms'] });
    const before = await countRows(t.db, 'connect_handoffs');
    const cases: [unknown, string][] = [
      [
        { resume: { system_id: 'fake-cmms', auth_method: 'api_key', values: { api_key: 'good-secret' } } },
        'resume.values.api_key',
      ],
      [{ resume: { system_id: 'fake-cmms', values: { nope: 'x' } } }, 'resume.values.nope'],
      [{ resume: { system_id: 'fake-erp' } }, 'resume.system_id'],
      [{ resume: { system_id: 'fake-requested' } }, 'resume.system_id'],
      [{ resume: { system_id: 'fake-cmms', auth_method: 'saml' } }, 'resume.auth_method'],
      [{ resume: { system_id: 'fake-cmms' }, extra: 1 }, 'extra'],
      [{ resume: { system_id: 5 } }, 'resume.system_id'],
    ];
    for (const [body, param] of cases) {
      const p = expectProblem(
        await call(t.url, 'POST', PATH, { token: s.token, body }),
        'INVALID_REQUEST',
        400,
      );
      expect(p.param, JSON.stringify(body)).toBe(param);
    }
    expectProblem(
      await call(t.url, 'POST', PATH, {
        token: s.token,
        raw: '{"resume":',
        headers: { 'content-type': 'application/json' },
      }),
      'INVALID_REQUEST',
    );
    expectProblem(await call(t.url, 'POST', PATH, { token: s.token, body: [] }), 'INVALID_REQUEST');
    expectProblem(
      await call(t.url, 'POST', PATH, {
        token: s.token,
        body: { resume: { system_id: 'x'.repeat(200_000) } },
      }),
      'PAYLOAD_TOO_LARGE',
      413,
    );
    expect(await countRows(t.db, 'connect_handoffs')).toBe(before);
    expect(t.logs.join('\n')).not.toContain('good-secret');
  });

  it('caps the unopened links of one session', async () => {
    const s = await newSession(t);
    for (let i = 0; i < MAX_OPEN_HANDOFFS; i++) {
      expect((await call(t.url, 'POST', PATH, { token: s.token })).status).toBe(201);
    }
    const p = expectProblem(await call(t.url, 'POST', PATH, { token: s.token }), 'TOO_MANY_ATTEMPTS', 429);
    expect(p.display_message).toBeTruthy();
  });

  it('refuses a session that already connected, an expired one, and the wrong token kinds', async () => {
    const s = await newSession(t);
    const done = await runAttempt(t, s.token, {
      system_id: 'fake-cmms',
      auth_method: 'api_key',
      values: { instance_url: 'https://cmms.example.com', api_key: 'good' },
    });
    expect((done.events.at(-1)?.data as { type: string } | undefined)?.type).toBe('succeeded');
    expectProblem(await call(t.url, 'POST', PATH, { token: s.token }), 'CONFLICT', 409);
    const old = await newSession(t);
    t.clock.advance(31 * 60 * 1000);
    try {
      expectProblem(await call(t.url, 'POST', PATH, { token: old.token }), 'SESSION_EXPIRED', 401);
    } finally {
      t.clock.advance(-31 * 60 * 1000);
    }
    expectProblem(await call(t.url, 'POST', PATH, { token: t.testKey }), 'WRONG_TOKEN_KIND', 401);
    expectProblem(await call(t.url, 'POST', PATH), 'UNAUTHORIZED', 401);
    expectProblem(await call(t.url, 'DELETE', PATH, { token: old.token }), 'METHOD_NOT_ALLOWED', 405);
  });

  it('refuses other browser origins than the session’s', async () => {
    const s = await newSession(t, { allowed_origins: ['https://app.acme.example'] });
    const ok = await call(t.url, 'POST', PATH, {
      token: s.token,
      headers: { origin: 'https://app.acme.example' },
    });
    expect(ok.status).toBe(201);
    expectProblem(
      await call(t.url, 'POST', PATH, { token: s.token, headers: { origin: 'https://evil.example' } }),
      'ORIGIN_NOT_ALLOWED',
      403,
    );
  });
});
