import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeCredentials } from '../../services/credentials';
import { call, connect, expectProblem, newSession, runAttempt } from '../../testing/harness';
import { startReceiver, type Receiver } from '../../webhooks/test-support';
import { loadOpsConfig } from '../config';
import { createOps } from '../plugin';
import { sample, scrape, startOpsServer, type OpsServer } from '../test-setup';

const TOKEN = 'metrics-token-0123456789abcdefghij';

let s: OpsServer;
let receiver: Receiver;
beforeAll(async () => {
  s = await startOpsServer({ rateLimits: { connection: { test: 3, live: 3 } } });
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await s.close();
});

describe('GET /metrics', { timeout: 60_000 }, () => {
  it('speaks the Prometheus text format and describes every flange series', async () => {
    const r = await call(s.t.url, 'GET', '/metrics');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    for (const name of [
      'flange_attempts_total',
      'flange_attempt_step_duration_seconds',
      'flange_webhook_attempts_total',
      'flange_rate_limited_requests_total',
      'flange_health_checks_total',
      'flange_http_request_duration_seconds',
      'flange_connections',
    ]) {
      expect(r.text).toContain(`# TYPE ${name} `);
    }
  });

  it('counts attempts by outcome and code, and times each step', async () => {
    const before = await scrape(s.t.url);
    const ok = (labels: Record<string, string>) => sample(before, 'flange_attempts_total', labels) ?? 0;
    const okBefore = ok({ outcome: 'succeeded', code: 'none', system_id: 'fake-cmms' });
    const badBefore = ok({ outcome: 'failed', code: 'INVALID_CREDENTIALS', system_id: 'fake-cmms' });

    await connect(s.t);
    const session = await newSession(s.t);
    await runAttempt(s.t, session.token, {
      system_id: 'fake-cmms',
      auth_method: 'api_key',
      values: { instance_url: 'https://cmms.example.com', api_key: 'bad' },
    });

    const after = await scrape(s.t.url);
    expect(
      sample(after, 'flange_attempts_total', { outcome: 'succeeded', code: 'none', system_id: 'fake-cmms' }),
    ).toBe(okBefore + 1);
    expect(
      sample(after, 'flange_attempts_total', {
        outcome: 'failed',
        code: 'INVALID_CREDENTIALS',
        system_id: 'fake-cmms',
      }),
    ).toBe(badBefore + 1);
    for (const step of ['authenticate', 'store']) {
      expect(
        sample(after, 'flange_attempt_step_duration_seconds_count', { step, status: 'succeeded' }),
        step,
      ).toBeGreaterThanOrEqual(1);
    }
    expect(
      sample(after, 'flange_attempt_step_duration_seconds_count', { step: 'authenticate', status: 'failed' }),
    ).toBeGreaterThanOrEqual(1);
    // Running steps are not timed: only finished ones have a duration.
    expect(after).not.toContain('status="running"');
  });

  it('counts webhook attempts by outcome, health checks and transitions, and connections by status', async () => {
    const created = await call(s.t.url, 'POST', '/v1/webhook-endpoints', {
      token: s.t.testKey,
      body: { url: receiver.url },
    });
    expect(created.status, created.text).toBe(201);
    receiver.respond((_req, res) => res.writeHead(500).end('down'));
    const c = await connect(s.t);
    await s.deliver();
    receiver.respond((_req, res) => res.writeHead(200).end('ok'));
    const verify = await call(s.t.url, 'POST', `/v1/connections/${c.connectionId}/verify`, {
      token: s.t.testKey,
    });
    expect(verify.status, verify.text).toBe(200);
    // The failed first attempt is due again a few seconds later.
    s.t.clock.advance(60_000);
    await s.deliver();

    const text = await scrape(s.t.url);
    expect(
      sample(text, 'flange_webhook_attempts_total', {
        outcome: 'failed',
        error_class: 'http_status',
        event_type: 'connection.created',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'flange_webhook_attempts_total', {
        outcome: 'succeeded',
        error_class: 'none',
        event_type: 'connection.created',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'flange_webhook_attempt_duration_seconds_count', { outcome: 'failed' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'flange_health_checks_total', { source: 'on_demand', outcome: 'ok' })).toBe(1);
    expect(
      sample(text, 'flange_connection_transitions_total', { from: 'active', to: 'reauthorization_required' }),
    ).toBe(undefined);
    const { rows } = await s.t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM connections WHERE status = 'active'",
    );
    expect(sample(text, 'flange_connections', { environment: 'test', status: 'active' })).toBe(rows[0]?.n);
  });

  it('counts a check that finds rejected credentials, and the transition it decides', async () => {
    const c = await connect(s.t);
    const { rows } = await s.t.db.query<{ environment_id: string }>(
      'SELECT environment_id FROM connections WHERE id = $1',
      [c.connectionId],
    );
    // The end user's key was revoked upstream: the fake connectors reject "bad".
    await s.t.db.transaction((tx) =>
      storeCredentials(
        tx,
        { keyring: s.t.keyring },
        rows[0]?.environment_id ?? '',
        c.connectionId,
        { instance_url: 'https://cmms.example.com', api_key: 'bad' },
        s.t.clock.now(),
      ),
    );
    const r = await call(s.t.url, 'POST', `/v1/connections/${c.connectionId}/verify`, { token: s.t.testKey });
    expect((r.json as { status: string }).status).toBe('reauthorization_required');
    const text = await scrape(s.t.url);
    expect(
      sample(text, 'flange_health_checks_total', { source: 'on_demand', outcome: 'reauthorization' }),
    ).toBe(1);
    expect(
      sample(text, 'flange_connection_transitions_total', { from: 'active', to: 'reauthorization_required' }),
    ).toBe(1);
  });

  it('counts rate-limited requests by policy', async () => {
    const c = await connect(s.t);
    const before =
      sample(await scrape(s.t.url), 'flange_rate_limited_requests_total', { policy: 'conn' }) ?? 0;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await call(s.t.url, 'GET', '/v1/connection', { token: c.accessToken })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(sample(await scrape(s.t.url), 'flange_rate_limited_requests_total', { policy: 'conn' })).toBe(
      before + 2,
    );
  });

  it('times HTTP answers by route pattern and status, never by raw path', async () => {
    const c = await connect(s.t);
    await call(s.t.url, 'GET', `/v1/connections/${c.connectionId}`, { token: s.t.testKey });
    await call(s.t.url, 'GET', '/v1/connections/conn_doesnotexist', { token: s.t.testKey });
    await call(s.t.url, 'GET', '/no/such/path/123');
    await call(s.t.url, 'PUT', '/v1/connections');
    const text = await scrape(s.t.url);
    const h = (labels: Record<string, string>) =>
      sample(text, 'flange_http_request_duration_seconds_count', labels);
    expect(h({ method: 'GET', route: '/v1/connections/:id', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(h({ method: 'GET', route: '/v1/connections/:id', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(h({ method: 'GET', route: '(unmatched)', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(h({ method: 'PUT', route: '/v1/connections', status: '405' })).toBe(1);
    expect(text).not.toContain(c.connectionId);
    expect(text).not.toContain('conn_doesnotexist');
    expect(text).not.toContain('/no/such/path');
  });

  it('keeps one registry per app: two servers never share counters', async () => {
    const other = await startOpsServer();
    try {
      await connect(other.t);
      const mine = sample(await scrape(s.t.url), 'flange_attempts_total', {
        outcome: 'succeeded',
        system_id: 'fake-cmms',
      });
      const theirs = sample(await scrape(other.t.url), 'flange_attempts_total', {
        outcome: 'succeeded',
        system_id: 'fake-cmms',
      });
      expect(theirs).toBe(1);
      expect(mine).toBeGreaterThan(1);
    } finally {
      await other.close();
    }
  });

  it('exports the default process metrics when asked to', async () => {
    const ops = createOps({ config: { metricsToken: null } });
    const text = (await ops.metrics.render()).body;
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });
});

describe('GET /metrics behind FLANGE_METRICS_TOKEN', { timeout: 60_000 }, () => {
  let locked: OpsServer;
  beforeAll(async () => {
    locked = await startOpsServer({ metricsToken: TOKEN, lifecycle: false });
  });
  afterAll(() => locked.close());

  it('answers only the right bearer token; everything else is a 401 problem', async () => {
    const none = await call(locked.t.url, 'GET', '/metrics');
    expectProblem(none, 'UNAUTHORIZED', 401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expectProblem(await call(locked.t.url, 'GET', '/metrics', { token: `${TOKEN}x` }), 'UNAUTHORIZED', 401);
    expectProblem(
      await call(locked.t.url, 'GET', '/metrics', { token: TOKEN.slice(0, -1) }),
      'UNAUTHORIZED',
      401,
    );
    expectProblem(
      await call(locked.t.url, 'GET', '/metrics', { headers: { authorization: `Basic ${TOKEN}` } }),
      'UNAUTHORIZED',
      401,
    );
    expectProblem(await call(locked.t.url, 'GET', `/metrics?token=${TOKEN}`), 'TOKEN_IN_QUERY', 400);
    const ok = await scrape(locked.t.url, TOKEN);
    expect(ok).toContain('flange_http_request_duration_seconds');
    expect(locked.t.logs.join('\n')).not.toContain(TOKEN);
  });

  it('documents the token in /openapi.json', async () => {
    const doc = locked.ops.document();
    expect(doc.paths['/metrics']?.['get']?.security).toEqual([{ MetricsToken: [] }]);
    expect(doc.components.securitySchemes['MetricsToken']).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});

describe('loadOpsConfig', () => {
  it('reads FLANGE_METRICS_TOKEN, treating empty as unset, and refuses weak or malformed tokens', () => {
    expect(loadOpsConfig({})).toEqual({ metricsToken: null });
    expect(loadOpsConfig({ FLANGE_METRICS_TOKEN: '' })).toEqual({ metricsToken: null });
    expect(loadOpsConfig({ FLANGE_METRICS_TOKEN: TOKEN })).toEqual({ metricsToken: TOKEN });
    expect(() => loadOpsConfig({ FLANGE_METRICS_TOKEN: 'short' })).toThrow(
      /FLANGE_METRICS_TOKEN: must be at least 24/,
    );
    expect(() => loadOpsConfig({ FLANGE_METRICS_TOKEN: `${TOKEN} with spaces` })).toThrow(/printable ASCII/);
  });
});
