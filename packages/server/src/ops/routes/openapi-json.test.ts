import type { Express } from 'express';
import { ErrorCode } from '@flange/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppPlugin } from '../../context';
import { call, connect, expectProblem, newSession } from '../../testing/harness';
import type { Reply } from '../../testing/harness';
import { startReceiver, type Receiver } from '../../webhooks/test-support';
import { contractChecker } from '../contract';
import { ALL_ENDPOINTS, openApiPath, type OpenApiDocument } from '../openapi-document';
import { ENDPOINT_PROBLEM_CODES, endpointKey } from '../problem-codes';
import { startOpsServer, type OpsServer } from '../test-setup';

/** Pages for browsers, served on purpose outside the API description. */
const NOT_API = new Set(['GET /connect']);

/** `METHOD /openapi/{path}` of every route Express really answers (405 catch-alls and preflights aside). */
function expressRoutes(app: Express): string[] {
  const stack = (app as unknown as { router: { stack: { route?: { path: unknown; methods: object } }[] } })
    .router.stack;
  const out: string[] = [];
  for (const layer of stack) {
    if (!layer.route || typeof layer.route.path !== 'string') continue;
    const methods = Object.entries(layer.route.methods)
      .filter(([, on]) => on === true)
      .map(([m]) => m.toUpperCase());
    // One route per method; `app.all` (the 405 answer) lists every method, preflights are OPTIONS.
    if (methods.length !== 1 || methods[0] === 'OPTIONS') continue;
    out.push(`${methods[0]} ${openApiPath(layer.route.path)}`);
  }
  return out;
}

function documented(doc: OpenApiDocument): string[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`),
  );
}

/** Served routes missing from the document, and documented operations nothing serves. */
function drift(app: Express, doc: OpenApiDocument): { undocumented: string[]; unserved: string[] } {
  const served = expressRoutes(app).filter((r) => !NOT_API.has(r));
  const docs = documented(doc);
  return {
    undocumented: served.filter((r) => !docs.includes(r)),
    unserved: docs.filter((d) => !served.includes(d)),
  };
}

let s: OpsServer;
let doc: OpenApiDocument;
beforeAll(async () => {
  s = await startOpsServer();
  const r = await call(s.t.url, 'GET', '/openapi.json');
  if (r.status !== 200) throw new Error(`GET /openapi.json: ${r.status} ${r.text}`);
  doc = r.json as OpenApiDocument;
});
afterAll(() => s.close());

describe('GET /openapi.json', () => {
  it('is OpenAPI 3.1 for this server, JSON, and the same document the plugin holds', async () => {
    const r = await call(s.t.url, 'GET', '/openapi.json');
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: s.t.url }]);
    expect(doc).toEqual(JSON.parse(JSON.stringify(s.ops.document())));
    expect(r.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('documents every route the app serves, and nothing it does not serve', () => {
    const { undocumented, unserved } = drift(s.t.server.app, doc);
    expect(undocumented).toEqual([]);
    expect(unserved).toEqual([]);
    // With the lifecycle plugin in, every endpoint of the protocol tables is really served.
    expect(documented(doc).sort()).toEqual(ALL_ENDPOINTS.map(endpointKey).sort());
    expect(expressRoutes(s.t.server.app).filter((r) => r.includes(' /v1/'))).toHaveLength(
      ALL_ENDPOINTS.filter((e) => e.path.startsWith('/v1/')).length,
    );
  });

  it('fails the drift check when a route has no spec', async () => {
    const rogue: AppPlugin = {
      name: 'rogue',
      routes(routes) {
        routes.add('GET', '/v1/undocumented/:id', 'secret_key', (_req, res) => {
          res.json({});
        });
      },
    };
    const other = await startOpsServer({ extraPlugins: [rogue] });
    try {
      const otherDoc = (await call(other.t.url, 'GET', '/openapi.json')).json as OpenApiDocument;
      expect(drift(other.t.server.app, otherDoc)).toEqual({
        undocumented: ['GET /v1/undocumented/{id}'],
        unserved: [],
      });
    } finally {
      await other.close();
    }
  });

  it('leaves out what the app does not serve (no lifecycle plugin: no webhooks, rotate or verify)', async () => {
    const bare = await startOpsServer({ lifecycle: false });
    try {
      const bareDoc = (await call(bare.t.url, 'GET', '/openapi.json')).json as OpenApiDocument;
      expect(bareDoc.paths['/v1/webhook-endpoints']).toBeUndefined();
      expect(bareDoc.paths['/v1/connections/{id}/token/rotate']).toBeUndefined();
      expect(bareDoc.paths['/v1/connections/{id}']?.['get']).toBeDefined();
      expect(bareDoc.tags.map((t) => t.name)).not.toContain('Webhooks');
      expect(drift(bare.t.server.app, bareDoc)).toEqual({ undocumented: [], unserved: [] });
    } finally {
      await bare.close();
    }
  });

  it('says which token each route takes, as the route table enforces it', () => {
    const scheme = {
      secret_key: 'SecretKey',
      session: 'SessionToken',
      connection: 'ConnectionToken',
    } as const;
    const routes = s.ops.routes().filter((r) => !NOT_API.has(`${r.method} ${r.path}`));
    expect(routes.length).toBe(ALL_ENDPOINTS.length);
    for (const r of routes) {
      const op = doc.paths[openApiPath(r.path)]?.[r.method.toLowerCase()];
      const names = op?.security.flatMap((x) => Object.keys(x));
      // Routes the table leaves open check their own token (hand-off secret, metrics token) or none.
      const expected = r.auth === 'none' ? (names?.length ? names : []) : [scheme[r.auth]];
      expect({ route: `${r.method} ${r.path}`, names }).toEqual({
        route: `${r.method} ${r.path}`,
        names: expected,
      });
    }
    expect(doc.paths['/v1/connect/handoffs/redeem']?.['post']?.security).toEqual([{ HandoffToken: [] }]);
  });

  it('is a valid document: unique operation ids, schemas that compile, closed problem codes', () => {
    const ops = Object.values(doc.paths).flatMap((item) => Object.values(item));
    const ids = ops.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(contractChecker(doc).compileAll()).toBeGreaterThan(ops.length);
    for (const op of ops) {
      for (const c of op['x-problem-codes']) expect(ErrorCode.safeParse(c).success, c).toBe(true);
      expect(op.responses['default']?.content?.['application/problem+json']).toBeDefined();
    }
    const keys = ALL_ENDPOINTS.map(endpointKey);
    for (const k of Object.keys(ENDPOINT_PROBLEM_CODES)) expect(keys, `stale entry ${k}`).toContain(k);
    const rotate = doc.paths['/v1/connections/{id}/token/rotate']?.['post'];
    expect(rotate?.['x-problem-codes']).toEqual(
      expect.arrayContaining(['CONFLICT', 'NOT_FOUND', 'TOKEN_REVOKED']),
    );
    expect(rotate?.responses['409']?.description).toContain('CONFLICT');
    expect(Object.keys(rotate?.responses['200']?.headers ?? {})).toEqual([
      'X-Request-Id',
      'RateLimit',
      'RateLimit-Policy',
    ]);
    expect(doc.paths['/docs']?.['get']?.responses['200']?.content).toEqual({
      'text/html': { schema: { type: 'string' } },
    });
  });

  it('refuses other methods and a token in the query, with problem documents', async () => {
    const post = expectProblem(
      await call(s.t.url, 'POST', '/openapi.json', { body: {} }),
      'METHOD_NOT_ALLOWED',
      405,
    );
    expect(post.detail).toContain('GET, HEAD');
    const query = expectProblem(
      await call(s.t.url, 'GET', `/openapi.json?token=${s.t.testKey}`),
      'TOKEN_IN_QUERY',
      400,
    );
    expect(query.param).toBe('token');
  });
});

describe('real answers match the document', { timeout: 120_000 }, () => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());

  it('the whole API, one call per operation, validates against the response schemas', async () => {
    const check = contractChecker(doc);
    const seen = new Set<string>();
    const hit = async (
      method: string,
      path: string,
      concrete: string,
      opts: Parameters<typeof call>[3] = {},
    ): Promise<Reply> => {
      const r = await call(s.t.url, method, concrete, opts);
      expect(r.status, `${method} ${concrete}: ${r.text}`).toBeLessThan(300);
      check.check(method, path, r);
      seen.add(`${method} ${path}`);
      return r;
    };
    const key = s.t.testKey;

    for (const p of ['/healthz', '/readyz', '/openapi.json', '/docs', '/metrics']) await hit('GET', p, p);

    const session = await newSession(s.t, { systems: ['fake-cmms', 'fake-erp'] });
    const st = session.token;
    await hit('POST', '/v1/connect/sessions', '/v1/connect/sessions', {
      token: key,
      body: { end_user: { id: 'user-2', email: 'dana@example.com' }, metadata: { plan: 'pro' } },
    });
    await hit('GET', '/v1/connect/session', '/v1/connect/session', { token: st });
    await hit('GET', '/v1/connect/catalog', '/v1/connect/catalog?q=cmms', { token: st });
    await hit('GET', '/v1/connect/systems/{id}', '/v1/connect/systems/fake-cmms', { token: st });
    await hit('POST', '/v1/connect/probe', '/v1/connect/probe', {
      token: st,
      body: { system_id: 'fake-cmms', url: 'https://cmms.example.com' },
    });
    const handoff = await hit('POST', '/v1/connect/handoffs', '/v1/connect/handoffs', {
      token: st,
      body: {},
    });
    await hit('GET', '/v1/connect/handoffs', '/v1/connect/handoffs', { token: st });
    await hit('POST', '/v1/connect/position', '/v1/connect/position', {
      token: st,
      body: { position: null },
    });
    await hit('GET', '/v1/connect/position', '/v1/connect/position', { token: st });
    const flh = new URL((handoff.json as { url: string }).url).hash.slice(1);
    await hit('POST', '/v1/connect/handoffs/redeem', '/v1/connect/handoffs/redeem', { token: flh });
    await hit('POST', '/v1/connect/system-requests', '/v1/connect/system-requests', {
      token: st,
      body: { name: 'Acme Plant Historian', note: 'We run it on site' },
    });
    await hit('GET', '/v1/system-requests', '/v1/system-requests', { token: key });
    await hit('GET', '/v1/connect/locales/{locale}', '/v1/connect/locales/de');

    await hit('POST', '/v1/webhook-endpoints', '/v1/webhook-endpoints', {
      token: key,
      body: { url: receiver.url },
    });
    const attempt = await hit('POST', '/v1/connect/attempts', '/v1/connect/attempts', {
      token: st,
      body: {
        system_id: 'fake-cmms',
        auth_method: 'api_key',
        values: { instance_url: 'https://cmms.example.com', api_key: 'bad' },
      },
    });
    const attemptId = (attempt.json as { attempt_id: string }).attempt_id;
    await s.t.server.ctx.runner.drain();
    await hit('GET', '/v1/connect/attempts/{id}', `/v1/connect/attempts/${attemptId}`, { token: st });
    const events = await fetch(`${s.t.url}/v1/connect/attempts/${attemptId}/events`, {
      headers: { authorization: `Bearer ${st}` },
    });
    expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await events.text();
    seen.add('GET /v1/connect/attempts/{id}/events');

    const c = await connect(s.t);
    const exchanged = await (async () => {
      const s2 = await newSession(s.t);
      const a = await call(s.t.url, 'POST', '/v1/connect/attempts', {
        token: s2.token,
        body: {
          system_id: 'fake-cmms',
          auth_method: 'api_key',
          values: { instance_url: 'https://cmms.example.com', api_key: 'good' },
        },
      });
      await s.t.server.ctx.runner.drain();
      const state = await call(
        s.t.url,
        'GET',
        `/v1/connect/attempts/${(a.json as { attempt_id: string }).attempt_id}`,
        {
          token: s2.token,
        },
      );
      const last = (state.json as { events: { type: string; public_token?: string }[] }).events.at(-1);
      return hit('POST', '/v1/connect/exchange', '/v1/connect/exchange', {
        token: key,
        body: { public_token: last?.public_token },
      });
    })();
    const second = exchanged.json as { connection_id: string; access_token: string };
    await hit('GET', '/v1/connections', '/v1/connections?limit=1', { token: key });
    await hit('GET', '/v1/connections/{id}', `/v1/connections/${c.connectionId}`, { token: key });
    await hit('GET', '/v1/connection', '/v1/connection', { token: second.access_token });
    await hit('POST', '/v1/connections/{id}/verify', `/v1/connections/${c.connectionId}/verify`, {
      token: key,
    });
    await hit('POST', '/v1/connections/{id}/token/rotate', `/v1/connections/${c.connectionId}/token/rotate`, {
      token: key,
      body: { grace_period_seconds: 60 },
    });

    await s.deliver();
    const deliveries = await hit('GET', '/v1/webhook-deliveries', '/v1/webhook-deliveries', { token: key });
    const delivery = (deliveries.json as { data: { id: string }[] }).data[0];
    expect(delivery).toBeDefined();
    await hit('GET', '/v1/webhook-deliveries/{id}', `/v1/webhook-deliveries/${delivery?.id}`, { token: key });
    await hit('POST', '/v1/webhook-deliveries/{id}/retry', `/v1/webhook-deliveries/${delivery?.id}/retry`, {
      token: key,
    });
    const endpoints = await hit('GET', '/v1/webhook-endpoints', '/v1/webhook-endpoints', { token: key });
    const endpointId = (endpoints.json as { data: { id: string }[] }).data[0]?.id ?? '';
    await hit('GET', '/v1/webhook-endpoints/{id}', `/v1/webhook-endpoints/${endpointId}`, { token: key });
    await hit(
      'POST',
      '/v1/webhook-endpoints/{id}/roll-secret',
      `/v1/webhook-endpoints/${endpointId}/roll-secret`,
      {
        token: key,
        body: {},
      },
    );
    await hit('PATCH', '/v1/webhook-endpoints/{id}', `/v1/webhook-endpoints/${endpointId}`, {
      token: key,
      body: { status: 'enabled', description: null },
    });
    await hit('DELETE', '/v1/webhook-endpoints/{id}', `/v1/webhook-endpoints/${endpointId}`, { token: key });
    await hit('DELETE', '/v1/connections/{id}', `/v1/connections/${c.connectionId}`, { token: key });

    // Nothing left out: every documented operation was called and matched.
    expect([...seen].sort()).toEqual(documented(doc).sort());
  });

  it('bad input on every operation answers a documented problem (no token, wrong token, bad JSON, unknown id)', async () => {
    const check = contractChecker(doc);
    const session = await newSession(s.t);
    const tokens = { SecretKey: s.t.testKey, SessionToken: session.token } as Record<string, string>;
    interface Case {
      method: string;
      path: string;
      opts: Parameters<typeof call>[3];
      /** The code this case must answer, when only one is right. */
      code?: string;
    }
    const cases: Case[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const scheme = op.security.flatMap((x) => Object.keys(x))[0];
        if (scheme === undefined || scheme === 'MetricsToken') continue;
        const M = method.toUpperCase();
        const own = tokens[scheme];
        cases.push({ method: M, path, opts: {}, code: 'UNAUTHORIZED' });
        // A well-formed token of another kind.
        const wrong = scheme === 'SecretKey' ? tokens['SessionToken'] : tokens['SecretKey'];
        cases.push({ method: M, path, opts: { token: wrong ?? '' }, code: 'WRONG_TOKEN_KIND' });
        // The checks below need a valid token of the right kind (connection and hand-off tokens have their own suites).
        if (own === undefined) continue;
        if (M !== 'GET') {
          const json = { 'content-type': 'application/json' };
          cases.push({
            method: M,
            path,
            opts: { token: own, raw: '{"oops": ', headers: json },
            code: 'INVALID_REQUEST',
          });
          const form = { 'content-type': 'application/x-www-form-urlencoded' };
          cases.push({
            method: M,
            path,
            opts: { token: own, raw: 'a=1', headers: form },
            code: 'UNSUPPORTED_MEDIA_TYPE',
          });
        }
        if (path.includes('{'))
          cases.push({ method: M, path, opts: M === 'GET' ? { token: own } : { token: own, body: {} } });
      }
    }
    const wrongCodes: string[] = [];
    for (const c of cases) {
      const concrete = c.path.replace(/\{\w+\}/g, 'x_unknown_0000');
      const r = await call(s.t.url, c.method, concrete, c.opts);
      // Every answer is a documented problem of this operation, valid against the document's Problem schema.
      check.check(c.method, c.path, r);
      const code = (r.json as { code?: string } | undefined)?.code;
      if (r.status < 400 || (c.code !== undefined && code !== c.code)) {
        wrongCodes.push(
          `${c.method} ${concrete} → ${r.status} ${code ?? ''}, expected ${c.code ?? 'an error'}`,
        );
      }
    }
    expect(wrongCodes).toEqual([]);
    expect(cases.length).toBeGreaterThan(60);
  });
});
