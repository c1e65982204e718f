import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Flange } from './client';
import { FlangeConnectionError, FlangeError, FlangeProtocolError } from './errors';
import { connection, json, problem, startTestServer, type TestServer } from './test-server';

const SECRET_KEY = 'flk_test_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6';
const CONNECTION_TOKEN = 'flc_test_Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4_3fGh7K';

describe('Flange client', () => {
  let server: TestServer;
  let flange: Flange;

  beforeEach(async () => {
    server = await startTestServer();
    flange = new Flange({ secretKey: SECRET_KEY, baseUrl: server.baseUrl, maxRetries: 0 });
  });
  afterEach(() => server.close());

  it('refuses a value that is not a secret key, without echoing it', () => {
    const err = (() => {
      try {
        void new Flange({ secretKey: CONNECTION_TOKEN, baseUrl: server.baseUrl });
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(TypeError);
    expect(err?.message).not.toContain(CONNECTION_TOKEN);
    expect(() => new Flange({ secretKey: SECRET_KEY, baseUrl: 'not a url' })).toThrow(TypeError);
    expect(() => new Flange({ secretKey: SECRET_KEY, baseUrl: 'ftp://x' })).toThrow(TypeError);
  });

  it('creates a connect session with the secret key as a bearer token and a JSON body', async () => {
    server.on('POST', '/v1/connect/sessions', (_req, res) =>
      json(res, 201, {
        session_token: 'fls_' + 'x'.repeat(32),
        connect_url: 'http://localhost:4000/connect',
        expires_at: '2026-01-01T00:30:00.000Z',
      }),
    );
    const session = await flange.connectSessions.create({
      end_user: { id: 'user-1' },
      systems: ['ibm-maximo'],
    });
    expect(session.connect_url).toBe('http://localhost:4000/connect');
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      authorization: `Bearer ${SECRET_KEY}`,
      contentType: 'application/json',
      body: { end_user: { id: 'user-1' }, systems: ['ibm-maximo'] },
    });
  });

  it('exchanges a public token', async () => {
    server.on('POST', '/v1/connect/exchange', (_req, res) =>
      json(res, 200, { connection_id: 'conn_1', access_token: CONNECTION_TOKEN, connection: connection() }),
    );
    const out = await flange.exchangePublicToken('flp_abc');
    expect(out.access_token).toBe(CONNECTION_TOKEN);
    expect(server.requests[0]?.body).toEqual({ public_token: 'flp_abc' });
  });

  it('reaches each connection route with the right method, path and body', async () => {
    server.on('GET', '/v1/connections/conn_1', (_req, res) => json(res, 200, connection()));
    server.on('POST', '/v1/connections/conn_1/verify', (_req, res) => json(res, 200, connection()));
    server.on('POST', '/v1/connections/conn_1/token/rotate', (_req, res) =>
      json(res, 200, {
        connection_id: 'conn_1',
        access_token: CONNECTION_TOKEN,
        previous_token_expires_at: '2026-01-02T00:00:00.000Z',
        connection: connection(),
      }),
    );
    server.on('DELETE', '/v1/connections/conn_1', (_req, res) =>
      json(res, 200, connection({ status: 'revoked' })),
    );
    expect((await flange.connections.get('conn_1')).id).toBe('conn_1');
    await flange.connections.verify('conn_1');
    const rotated = await flange.connections.rotateToken('conn_1', { grace_period_seconds: 3600 });
    expect(rotated.previous_token_expires_at).toBe('2026-01-02T00:00:00.000Z');
    expect((await flange.connections.revoke('conn_1')).status).toBe('revoked');
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v1/connections/conn_1',
      'POST /v1/connections/conn_1/verify',
      'POST /v1/connections/conn_1/token/rotate',
      'DELETE /v1/connections/conn_1',
    ]);
    expect(server.requests[2]?.body).toEqual({ grace_period_seconds: 3600 });
  });

  it('encodes ids so they cannot walk the path', async () => {
    await flange.connections.get('../webhook-endpoints').catch(() => undefined);
    expect(server.requests[0]?.path).toBe('/v1/connections/..%2Fwebhook-endpoints');
  });

  it('reads the connection status with the connection token, not the secret key', async () => {
    server.on('GET', '/v1/connection', (_req, res) => json(res, 200, connection()));
    const c = await flange.connection(CONNECTION_TOKEN).get();
    expect(c.status).toBe('active');
    expect(server.requests[0]?.authorization).toBe(`Bearer ${CONNECTION_TOKEN}`);
    expect(server.requests[0]?.query).toEqual({});
    expect(() => flange.connection(SECRET_KEY)).toThrow(TypeError);
  });

  it('turns a problem document into a FlangeError with its code, request id and display message', async () => {
    server.on('GET', '/v1/connection', (_req, res) =>
      problem(res, 403, 'REAUTHORIZATION_REQUIRED', {
        display_message: 'Reconnect your CMMS.',
        hint: 'Create a connect session with reconnect_connection_id.',
      }),
    );
    const err = await flange
      .connection(CONNECTION_TOKEN)
      .get()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FlangeError);
    expect(err).toMatchObject({
      code: 'REAUTHORIZATION_REQUIRED',
      status: 403,
      requestId: 'req_problem',
      displayMessage: 'Reconnect your CMMS.',
    });
    expect((err as FlangeError).problem?.hint).toContain('reconnect_connection_id');
  });

  it('carries param for invalid requests and retryAfter for rate limits', async () => {
    server.on('POST', '/v1/webhook-endpoints', (_req, res) =>
      problem(res, 422, 'URL_NOT_ALLOWED', { param: 'url' }),
    );
    server.on('GET', '/v1/connections', (_req, res) =>
      problem(res, 429, 'RATE_LIMIT_EXCEEDED', { retry_after: 42 }, { 'retry-after': '42' }),
    );
    await expect(flange.webhookEndpoints.create({ url: 'https://10.0.0.1/x' })).rejects.toMatchObject({
      code: 'URL_NOT_ALLOWED',
      param: 'url',
    });
    await expect(flange.connections.list()).rejects.toMatchObject({
      code: 'RATE_LIMIT_EXCEEDED',
      retryAfter: 42,
    });
  });

  it('survives an answer that is not a problem document (a proxy page)', async () => {
    server.on('GET', '/v1/connections/conn_1', (_req, res) => {
      res
        .writeHead(502, { 'content-type': 'text/html', 'x-request-id': 'req_proxy' })
        .end('<h1>Bad gateway</h1>');
    });
    await expect(flange.connections.get('conn_1')).rejects.toMatchObject({
      name: 'FlangeError',
      code: 'SERVICE_UNAVAILABLE',
      status: 502,
      requestId: 'req_proxy',
      problem: null,
    });
  });

  it('reports a body of the wrong shape as a protocol error', async () => {
    server.on('GET', '/v1/connections/conn_1', (_req, res) => json(res, 200, { id: 'conn_1' }));
    await expect(flange.connections.get('conn_1')).rejects.toBeInstanceOf(FlangeProtocolError);
  });

  it('reports an unreachable server and a timeout as connection errors', async () => {
    const closed = await startTestServer();
    await closed.close();
    const offline = new Flange({ secretKey: SECRET_KEY, baseUrl: closed.baseUrl, maxRetries: 0 });
    await expect(offline.connections.get('conn_1')).rejects.toBeInstanceOf(FlangeConnectionError);

    server.on('GET', '/v1/connections/slow', () => undefined);
    const impatient = new Flange({
      secretKey: SECRET_KEY,
      baseUrl: server.baseUrl,
      maxRetries: 0,
      timeoutMs: 200,
    });
    await expect(impatient.connections.get('slow')).rejects.toThrow(/did not answer within 200 ms/);
  });

  it('retries a GET after a 5xx, never a POST', async () => {
    const retrying = new Flange({ secretKey: SECRET_KEY, baseUrl: server.baseUrl, maxRetries: 2 });
    let calls = 0;
    server.on('GET', '/v1/connections/conn_1', (_req, res) =>
      ++calls === 1 ? problem(res, 503, 'SERVICE_UNAVAILABLE') : json(res, 200, connection()),
    );
    server.on('POST', '/v1/connections/conn_1/token/rotate', (_req, res) =>
      problem(res, 503, 'SERVICE_UNAVAILABLE'),
    );
    expect((await retrying.connections.get('conn_1')).id).toBe('conn_1');
    expect(calls).toBe(2);
    await expect(retrying.connections.rotateToken('conn_1')).rejects.toMatchObject({ status: 503 });
    expect(server.requests.filter((r) => r.path.endsWith('/rotate'))).toHaveLength(1);
  });

  it('waits out a short Retry-After on 429 (the call was not processed), not a long one', async () => {
    const retrying = new Flange({ secretKey: SECRET_KEY, baseUrl: server.baseUrl, maxRetries: 2 });
    let calls = 0;
    server.on('POST', '/v1/connections/conn_1/verify', (_req, res) =>
      ++calls === 1
        ? problem(res, 429, 'RATE_LIMIT_EXCEEDED', { retry_after: 1 }, { 'retry-after': '1' })
        : json(res, 200, connection()),
    );
    const started = Date.now();
    await retrying.connections.verify('conn_1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(calls).toBe(2);

    server.on('GET', '/v1/connections', (_req, res) =>
      problem(res, 429, 'RATE_LIMIT_EXCEEDED', { retry_after: 60 }, { 'retry-after': '60' }),
    );
    await expect(retrying.connections.list()).rejects.toMatchObject({ retryAfter: 60 });
    expect(server.requests.filter((r) => r.path === '/v1/connections')).toHaveLength(1);
  });

  it('manages webhook endpoints and deliveries', async () => {
    const endpoint = {
      id: 'whe_1',
      object: 'webhook_endpoint',
      environment: 'test',
      url: 'https://acme.example.com/hooks',
      events: ['*'],
      description: null,
      status: 'enabled',
      disabled_reason: null,
      created_at: '2026-01-01T00:00:00.000Z',
      previous_secret_expires_at: null,
    };
    const secret = 'whsec_' + Buffer.alloc(32, 7).toString('base64');
    const delivery = {
      id: 'whd_1',
      object: 'webhook_delivery',
      endpoint_id: 'whe_1',
      event_id: 'evt_1',
      event_type: 'connection.created',
      status: 'pending',
      attempt_count: 1,
      next_attempt_at: '2026-01-01T00:00:05.000Z',
      last_attempt_at: '2026-01-01T00:00:00.000Z',
      created_at: '2026-01-01T00:00:00.000Z',
      attempts: [
        {
          number: 1,
          at: '2026-01-01T00:00:00.000Z',
          status_code: 500,
          duration_ms: 12,
          outcome: 'failed',
          error_class: 'http_status',
          manual: false,
        },
      ],
    };
    server.on('POST', '/v1/webhook-endpoints', (_req, res) => json(res, 201, { ...endpoint, secret }));
    server.on('GET', '/v1/webhook-endpoints', (_req, res) =>
      json(res, 200, { data: [endpoint], next_cursor: null }),
    );
    server.on('DELETE', '/v1/webhook-endpoints/whe_1', (_req, res) => res.writeHead(204).end());
    server.on('POST', '/v1/webhook-endpoints/whe_1/roll-secret', (_req, res) =>
      json(res, 200, { ...endpoint, secret, previous_secret_expires_at: '2026-01-02T00:00:00.000Z' }),
    );
    server.on('PATCH', '/v1/webhook-endpoints/whe_1', (req, res) =>
      json(res, 200, { ...endpoint, ...(req.body as object) }),
    );
    server.on('GET', '/v1/webhook-deliveries', (_req, res) =>
      json(res, 200, { data: [delivery], next_cursor: null }),
    );
    server.on('POST', '/v1/webhook-deliveries/whd_1/retry', (_req, res) => json(res, 202, delivery));

    expect(
      (await flange.webhookEndpoints.create({ url: endpoint.url, events: ['connection.revoked'] })).secret,
    ).toBe(secret);
    expect((await flange.webhookEndpoints.list()).data).toHaveLength(1);
    await expect(flange.webhookEndpoints.delete('whe_1')).resolves.toBeUndefined();
    await flange.webhookEndpoints.rollSecret('whe_1', { expires_in_seconds: 600 });
    expect((await flange.webhookEndpoints.disable('whe_1')).status).toBe('disabled');
    expect((await flange.webhookEndpoints.enable('whe_1')).status).toBe('enabled');
    expect((await flange.webhookEndpoints.update('whe_1', { description: 'ops' })).description).toBe('ops');
    expect(
      server.requests
        .filter((r) => r.method === 'PATCH')
        .map((r) => ({ path: r.path, body: r.body, type: r.contentType })),
    ).toEqual([
      { path: '/v1/webhook-endpoints/whe_1', body: { status: 'disabled' }, type: 'application/json' },
      { path: '/v1/webhook-endpoints/whe_1', body: { status: 'enabled' }, type: 'application/json' },
      { path: '/v1/webhook-endpoints/whe_1', body: { description: 'ops' }, type: 'application/json' },
    ]);
    const deliveries = await flange.webhookDeliveries.list({ endpoint_id: 'whe_1', status: 'pending' });
    expect(deliveries.data[0]?.attempts[0]?.error_class).toBe('http_status');
    await flange.webhookDeliveries.retry('whd_1');
    expect(server.requests.find((r) => r.path === '/v1/webhook-deliveries')?.query).toEqual({
      endpoint_id: 'whe_1',
      status: 'pending',
    });
    expect(server.requests.find((r) => r.path.endsWith('roll-secret'))?.body).toEqual({
      expires_in_seconds: 600,
    });
  });

  it('walks every page with listAll, keeping filters and stopping when the loop does', async () => {
    const pages: Record<string, { ids: string[]; next: string | null }> = {
      '': { ids: ['c1', 'c2'], next: 'p2' },
      p2: { ids: ['c3', 'c4'], next: 'p3' },
      p3: { ids: ['c5'], next: null },
    };
    server.on('GET', '/v1/connections', (req, res) => {
      const page = pages[req.query['cursor'] ?? '']!;
      json(res, 200, { data: page.ids.map((id) => connection({ id })), next_cursor: page.next });
    });
    const ids: string[] = [];
    for await (const c of flange.connections.listAll({ status: 'active', limit: 2 })) ids.push(c.id);
    expect(ids).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(server.requests.map((r) => r.query)).toEqual([
      { status: 'active', limit: '2' },
      { status: 'active', limit: '2', cursor: 'p2' },
      { status: 'active', limit: '2', cursor: 'p3' },
    ]);

    server.requests.length = 0;
    for await (const c of flange.connections.listAll()) {
      if (c.id === 'c2') break;
    }
    expect(server.requests).toHaveLength(1);
  });
});
