import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttemptEvent, CreateAttemptResponse } from '@flange/protocol';
import { call, countRows, expectProblem, newSession, runAttempt, startTestServer } from '../testing/harness';
import type { TestServer } from '../testing/harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const BASE = 'https://cmms.example.com';
const apiKey = (api_key: string, instance_url = BASE) => ({
  system_id: 'fake-cmms',
  auth_method: 'api_key',
  values: { instance_url, api_key },
});
type Ev = {
  type: string;
  step?: string;
  status?: string;
  error?: { code: string; step: string; param?: string };
};
const data = (events: { data: unknown }[]) => events.map((e) => AttemptEvent.parse(e.data) as Ev);

describe('POST /v1/connect/attempts', () => {
  it('validates in the background and streams each step, then stores the connection encrypted', async () => {
    const s = await newSession(t);
    const r = await call(t.url, 'POST', '/v1/connect/attempts', {
      token: s.token,
      body: apiKey('good-canary8841', `${BASE}/maximo/ui/?event=loadapp`),
    });
    expect({ status: r.status, body: r.text }).toMatchObject({ status: 202 });
    const body = CreateAttemptResponse.parse(r.json);
    expect(body.events_url).toBe(`${t.url}/v1/connect/attempts/${body.attempt_id}/events`);
    const { events } = await runAttemptEvents(s.token, body.attempt_id);
    const steps = events.filter((e) => e.type === 'step').map((e) => `${e.step}:${e.status}`);
    expect(steps).toEqual([
      'resolve:running',
      'resolve:succeeded',
      'connect:running',
      'connect:succeeded',
      'authenticate:running',
      'authenticate:succeeded',
      'authorize:running',
      'authorize:succeeded',
      'store:running',
      'store:succeeded',
    ]);
    expect(events.at(-1)?.type).toBe('succeeded');
    // The field spec cleaned the URL (keep_path) before the connector saw it.
    expect(t.fake.calls.at(-1)?.values).toEqual({
      instance_url: `${BASE}/maximo/ui`,
      api_key: 'good-canary8841',
    });
    // Credentials are ciphertext only; the secret is nowhere in storage.
    const dump = JSON.stringify(
      await Promise.all(
        [
          'credentials',
          'attempts',
          'attempt_events',
          'connections',
          'public_tokens',
          'connect_sessions',
          'lockout_counters',
        ].map(async (table) => (await t.db.query(`SELECT * FROM ${table}`)).rows),
      ),
    );
    expect(dump).not.toContain('canary8841');
    const { rows } = await t.db.query<{ kid: string; blob: { kid: string } }>(
      'SELECT kid, blob FROM credentials',
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]?.blob.kid).toBe('test1');
    expect(t.logs.join('\n')).not.toContain('canary8841');
  });

  it('refuses bad values field by field, never calling upstream and writing nothing', async () => {
    const s = await newSession(t);
    const calls = t.fake.calls.length;
    const attempts = await countRows(t.db, 'attempts');
    const cases: [Record<string, unknown>, string][] = [
      [{ ...apiKey('good'), values: { instance_url: BASE } }, 'api_key'],
      [apiKey('good', 'ftp://cmms.example.com'), 'instance_url'],
      [apiKey('good', 'https://admin:secret@cmms.example.com'), 'instance_url'],
      [apiKey('good', 'javascript:alert(1)'), 'instance_url'],
      [{ ...apiKey('good'), values: { instance_url: BASE, api_key: 'good', extra: 'x' } }, 'extra'],
      [apiKey('ab'), 'api_key'],
    ];
    for (const [body, param] of cases) {
      const p = expectProblem(
        await call(t.url, 'POST', '/v1/connect/attempts', { token: s.token, body }),
        'INVALID_REQUEST',
        400,
      );
      expect({ body, param: p.param }).toEqual({ body, param });
      expect(p.issues?.map((i) => i.path)).toContain(param);
      expect(p.display_message).toBeTruthy();
    }
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/attempts', {
        token: s.token,
        body: { ...apiKey('good'), auth_method: 'saml' },
      }),
      'INVALID_REQUEST',
    );
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/attempts', {
        token: s.token,
        body: { ...apiKey('good'), values: { instance_url: 5 } },
      }),
      'INVALID_REQUEST',
    );
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/attempts', {
        token: s.token,
        body: { ...apiKey('good'), color: 'red' },
      }),
      'INVALID_REQUEST',
    );
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/attempts', {
        token: s.token,
        raw: '{"system_id": "fake-cmms",',
        headers: { 'content-type': 'application/json' },
      }),
      'INVALID_REQUEST',
    );
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/attempts', {
        token: s.token,
        body: apiKey('x'.repeat(120_000)),
      }),
      'PAYLOAD_TOO_LARGE',
      413,
    );
    expect(t.fake.calls.length).toBe(calls);
    expect(await countRows(t.db, 'attempts')).toBe(attempts);
  });

  it('refuses systems outside the session’s list and systems without a connector', async () => {
    const s = await newSession(t, { systems: ['fake-erp', 'fake-requested'] });
    const calls = t.fake.calls.length;
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/attempts', { token: s.token, body: apiKey('good') }),
      'SYSTEM_NOT_ALLOWED',
      403,
    );
    const na = expectProblem(
      await call(t.url, 'POST', '/v1/connect/attempts', {
        token: s.token,
        body: { ...apiKey('good'), system_id: 'fake-requested' },
      }),
      'SYSTEM_NOT_AVAILABLE',
      422,
    );
    expect(na.display_message).toMatch(/ask for it/);
    expect(t.fake.calls.length).toBe(calls);
  });

  it('refuses an expired session and a second connection from one session', async () => {
    const s = await newSession(t);
    const first = await runAttempt(t, s.token, apiKey('good'));
    expect(first.events.at(-1)?.data).toMatchObject({ type: 'succeeded' });
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/attempts', { token: s.token, body: apiKey('good') }),
      'CONFLICT',
      409,
    );
    const old = await newSession(t);
    t.clock.advance(31 * 60 * 1000);
    try {
      expectProblem(
        await call(t.url, 'POST', '/v1/connect/attempts', { token: old.token, body: apiKey('good') }),
        'SESSION_EXPIRED',
        401,
      );
    } finally {
      t.clock.advance(-31 * 60 * 1000);
    }
  });

  it('reports a wrong key as a fixable failure, and the corrected key succeeds in the same session', async () => {
    const s = await newSession(t);
    const bad = await runAttempt(t, s.token, apiKey('bad'));
    const failed = data(bad.events).at(-1);
    expect(failed).toMatchObject({
      type: 'failed',
      error: { code: 'INVALID_CREDENTIALS', step: 'authenticate', param: 'api_key' },
    });
    const good = await runAttempt(t, s.token, apiKey('good'));
    expect(data(good.events).at(-1)?.type).toBe('succeeded');
  });

  it('turns a crashing pipeline, a malformed error and a hung upstream into clean failures', async () => {
    const s = await newSession(t);
    const crash = data((await runAttempt(t, s.token, apiKey('throw'))).events).at(-1);
    expect(crash).toMatchObject({ type: 'failed', error: { code: 'INTERNAL_ERROR', step: 'resolve' } });
    const malformed = data((await runAttempt(t, s.token, apiKey('malformed'))).events).at(-1);
    expect(malformed).toMatchObject({ type: 'failed', error: { code: 'INTERNAL_ERROR' } });
    expect(t.logs.join('\n')).toMatch(/connector returned a malformed error/);
  });
});

async function runAttemptEvents(token: string, attemptId: string) {
  const { readSse } = await import('../testing/harness');
  const sse = await readSse(t.url, `/v1/connect/attempts/${attemptId}/events`, token);
  return { events: data(sse.events) };
}

describe('attempt timeout', () => {
  it('fails a hung upstream with UPSTREAM_TIMEOUT after the attempt deadline', async () => {
    const quick = await startTestServer({ config: { attemptTimeoutMs: 300 } });
    try {
      const s = await newSession(quick);
      const { events } = await runAttempt(quick, s.token, apiKey('slow'));
      expect(data(events).at(-1)).toMatchObject({
        type: 'failed',
        error: { code: 'UPSTREAM_TIMEOUT', retryable: true },
      });
      const { rows } = await quick.db.query<{ status: string }>('SELECT status FROM attempts');
      expect(rows.map((r) => r.status)).toEqual(['failed']);
    } finally {
      await quick.close();
    }
  });
});
