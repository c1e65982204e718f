import { randomBytes } from 'node:crypto';
import type { Connectors } from '@flange/connectors';
import { Problem } from '@flange/protocol';
import type { ErrorCode, SandboxHints } from '@flange/protocol';
import { expect } from 'vitest';
import { ManualClock } from '../clock';
import type { Config } from '../config';
import type { AppPlugin } from '../context';
import { Keyring } from '../crypto/envelope';
import { createLogger } from '../logger';
import { startServer } from '../server';
import type { RunningServer } from '../server';
import { createTenant } from '../services/accounts';
import type { Outbox } from '../services/outbox';
import { FakeConnectors } from './fake-connectors';
import { createTestDb } from './test-db';
import type { TestDb } from './test-db';

/** A config for tests: loopback, short windows, nothing read from the environment. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    publicUrl: 'http://127.0.0.1:0',
    dataDir: '/nonexistent-test-data-dir',
    databaseUrl: null,
    encryptionKeys: null,
    tokenPepper: null,
    demoSecretKey: null,
    seedDemo: false,
    network: {
      allowedNetworks: ['127.0.0.1/32'],
      allowHttp: true,
      hostOverrides: {},
      connectTimeoutMs: 2000,
      totalTimeoutMs: 5000,
      maxBodyBytes: 1024 * 1024,
    },
    logLevel: 'info',
    hostedDist: '/nonexistent-hosted-dist',
    sandboxFile: null,
    trustProxy: false,
    sessionTtlSeconds: 30 * 60,
    publicTokenTtlSeconds: 10 * 60,
    lockout: { maxIdentityFailures: 3, maxSessionAttempts: 5, maxSessionProbes: 60, windowSeconds: 15 * 60 },
    attemptTimeoutMs: 10_000,
    sseHeartbeatMs: 15_000,
    bodyLimitBytes: 100 * 1024,
    ...overrides,
  };
}

export interface TestServerOptions {
  config?: Partial<Config>;
  connectors?: Connectors;
  sandbox?: Record<string, SandboxHints>;
  outbox?: Outbox;
  plugins?: AppPlugin[];
  /** Reuse a database (several servers on one store); default: a new one, closed with the server. */
  db?: TestDb;
  clock?: ManualClock;
}

/** A real server on port 0 with real storage, a tenant with test and live keys, and its log lines. */
export interface TestServer {
  url: string;
  server: RunningServer;
  db: TestDb;
  clock: ManualClock;
  connectors: Connectors;
  fake: FakeConnectors;
  keyring: Keyring;
  pepper: Buffer;
  /** Secret keys of the default tenant. */
  testKey: string;
  liveKey: string;
  testEnvironmentId: string;
  liveEnvironmentId: string;
  /** Every log line written so far (JSON text). */
  logs: string[];
  close(): Promise<void>;
}

/** Start a server for one test file. */
export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const db = opts.db ?? (await createTestDb());
  const clock = opts.clock ?? new ManualClock(new Date());
  const fake = new FakeConnectors();
  const connectors = opts.connectors ?? fake;
  const keyring = new Keyring([{ kid: 'test1', key: randomBytes(32) }]);
  const pepper = randomBytes(32);
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (s: string) => void logs.push(s) } });
  const tenant = await createTenant(db, pepper, clock.now(), {
    name: 'Test Host',
    environments: ['test', 'live'],
  });
  const server = await startServer({
    config: testConfig(opts.config),
    db,
    connectors,
    keyring,
    pepper,
    clock,
    logger,
    publicUrlFromPort: true,
    ...(opts.sandbox ? { sandbox: opts.sandbox } : {}),
    ...(opts.outbox ? { outbox: opts.outbox } : {}),
    ...(opts.plugins ? { plugins: opts.plugins } : {}),
  });
  return {
    url: server.url,
    server,
    db,
    clock,
    connectors,
    fake,
    keyring,
    pepper,
    testKey: tenant.environments.test?.secretKey ?? '',
    liveKey: tenant.environments.live?.secretKey ?? '',
    testEnvironmentId: tenant.environments.test?.id ?? '',
    liveEnvironmentId: tenant.environments.live?.id ?? '',
    logs,
    async close() {
      await server.close();
      if (!opts.db) await db.close();
    },
  };
}

/** A response read whole. */
export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** One HTTP request to the test server; `body` is sent as JSON unless `raw` is given. */
export async function call(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; raw?: string | Uint8Array; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  let body: string | Uint8Array | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Assert an RFC 9457 problem with this code and status, its request_id equal to X-Request-Id. */
export function expectProblem(r: Reply, code: ErrorCode, status?: number): Problem {
  expect({
    contentType: r.headers.get('content-type'),
    code: (r.json as { code?: unknown } | undefined)?.code,
    body: r.text,
  }).toMatchObject({
    contentType: expect.stringMatching(/^application\/problem\+json/),
    code,
  });
  const p = Problem.parse(r.json);
  if (status !== undefined) expect(r.status).toBe(status);
  expect(p.status).toBe(r.status);
  expect(p.request_id).toBe(r.headers.get('x-request-id'));
  expect(r.text).not.toMatch(/at .*\.ts:\d+|node_modules|SELECT |INSERT /);
  return p;
}

/** Read an SSE stream to its end (or until `stopAfter` events), returning each event's id and data. */
export async function readSse(
  base: string,
  path: string,
  token: string,
  opts: { lastEventId?: string; stopAfter?: number; headers?: Record<string, string> } = {},
): Promise<{
  status: number;
  headers: Headers;
  events: { id: string | null; data: unknown }[];
  raw: string;
}> {
  const controller = new AbortController();
  const res = await fetch(`${base}${path}`, {
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'text/event-stream',
      ...(opts.lastEventId !== undefined ? { 'last-event-id': opts.lastEventId } : {}),
      ...opts.headers,
    },
    signal: controller.signal,
  });
  const events: { id: string | null; data: unknown }[] = [];
  let raw = '';
  if (!res.body || !res.headers.get('content-type')?.startsWith('text/event-stream')) {
    return { status: res.status, headers: res.headers, events, raw: await res.text() };
  }
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const chunk = decoder.decode(value, { stream: true });
      raw += chunk;
      buffer += chunk;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        let id: string | null = null;
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('id: ')) id = line.slice(4);
          else if (line.startsWith('data: ')) data.push(line.slice(6));
        }
        if (data.length > 0) events.push({ id, data: JSON.parse(data.join('\n')) });
        if (opts.stopAfter !== undefined && events.length >= opts.stopAfter) {
          controller.abort();
          return { status: res.status, headers: res.headers, events, raw };
        }
      }
    }
  } catch (e) {
    if (!controller.signal.aborted) throw e;
  }
  return { status: res.status, headers: res.headers, events, raw };
}

/** A connect session for the default test tenant; returns its token and id. */
export async function newSession(
  t: TestServer,
  body: Record<string, unknown> = {},
  key: string = t.testKey,
): Promise<{ token: string; id: string; connectUrl: string }> {
  const r = await call(t.url, 'POST', '/v1/connect/sessions', {
    token: key,
    body: { end_user: { id: 'user-1', name: 'Dana Field', organization: 'Plant 7' }, ...body },
  });
  expect({ status: r.status, body: r.text }).toMatchObject({ status: 201 });
  const j = r.json as { session_token: string; connect_url: string };
  const id = new URL(j.connect_url).searchParams.get('session') ?? '';
  return { token: j.session_token, id, connectUrl: j.connect_url };
}

/** Start an attempt and read its events to the end; returns the attempt id and events. */
export async function runAttempt(
  t: TestServer,
  sessionToken: string,
  body: Record<string, unknown>,
): Promise<{ attemptId: string; events: { id: string | null; data: unknown }[]; reply: Reply }> {
  const reply = await call(t.url, 'POST', '/v1/connect/attempts', { token: sessionToken, body });
  if (reply.status !== 202) return { attemptId: '', events: [], reply };
  const attemptId = (reply.json as { attempt_id: string }).attempt_id;
  const sse = await readSse(t.url, `/v1/connect/attempts/${attemptId}/events`, sessionToken);
  return { attemptId, events: sse.events, reply };
}

/** The whole happy path: session → attempt → succeeded → exchange. Returns the connection token. */
export async function connect(
  t: TestServer,
  opts: { key?: string; session?: Record<string, unknown>; values?: Record<string, string> } = {},
): Promise<{ connectionId: string; accessToken: string; publicToken: string; sessionToken: string }> {
  const key = opts.key ?? t.testKey;
  const s = await newSession(t, opts.session ?? {}, key);
  const { events } = await runAttempt(t, s.token, {
    system_id: 'fake-cmms',
    auth_method: 'api_key',
    values: opts.values ?? { instance_url: 'https://cmms.example.com', api_key: 'good' },
  });
  const last = events[events.length - 1]?.data as { type: string; public_token: string };
  expect(last.type).toBe('succeeded');
  const ex = await call(t.url, 'POST', '/v1/connect/exchange', {
    token: key,
    body: { public_token: last.public_token },
  });
  expect({ status: ex.status, body: ex.text }).toMatchObject({ status: 200 });
  const j = ex.json as { connection_id: string; access_token: string };
  return {
    connectionId: j.connection_id,
    accessToken: j.access_token,
    publicToken: last.public_token,
    sessionToken: s.token,
  };
}

/** Count rows of a table (to prove nothing was half-written). */
export async function countRows(db: TestDb, table: string): Promise<number> {
  if (!/^[a-z_]+$/.test(table)) throw new Error('bad table name');
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]?.n ?? 0;
}
