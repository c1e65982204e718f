import { randomBytes } from 'node:crypto';
import { createConnectors } from '@flange/connectors';
import { AttemptEvent, Problem } from '@flange/protocol';
import {
  MAXIMO_API_KEYS,
  MAXIMO_NATIVE_USERS,
  maximoSandboxHints,
  startMaximoSimulator,
  type MaximoSimulator,
} from '@flange/simulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { call, readSse, testConfig, type Reply } from '../testing/harness';
import { startReceiver, type Receiver } from '../webhooks/test-support';
import { startOpsServer, type OpsServer } from './test-setup';

/**
 * The log canary (security.md §2, §8): drive the whole flow with secrets that cannot appear by chance, capture
 * every log line the server and its connectors write, and prove none of them, nor any whole token, leaked.
 */
const tag = randomBytes(6).toString('hex');
const CANARY_KEY = `canary-key-${tag}`;
const CANARY_BAD_KEY = `canary-badkey-${tag}`;
const CANARY_PASSWORD = `canary-pw-${tag}`;

let sim: MaximoSimulator;
let s: OpsServer;
let receiver: Receiver;
const connectorLines: string[] = [];
/** Every answer of the flow, to match request ids with log lines. */
const replies: Reply[] = [];

beforeAll(async () => {
  // The simulator's credential tables are plain records: the canaries become a valid key and a user.
  MAXIMO_API_KEYS[CANARY_KEY] = MAXIMO_API_KEYS['maximo-good-key']!;
  MAXIMO_NATIVE_USERS['canaryuser'] = {
    ...MAXIMO_NATIVE_USERS['maxadmin']!,
    password: `${CANARY_PASSWORD}-right`,
  };
  sim = await startMaximoSimulator({ host: '127.0.0.1' });
  const network = { ...testConfig().network, allowedNetworks: ['127.0.0.1/32'], allowHttp: true };
  // The connectors log through the server's logger in main.ts; here through one configured the same way.
  const connectorLog = createLogger({
    level: 'trace',
    destination: { write: (line: string) => void connectorLines.push(line) },
  }).child({ component: 'connectors' });
  s = await startOpsServer({
    config: { network },
    connectors: createConnectors({
      policy: network,
      log: (entry) => connectorLog[entry.level](entry, entry.msg),
    }),
    sandbox: { 'ibm-maximo': maximoSandboxHints(sim.url) },
  });
  receiver = await startReceiver();
}, 120_000);
afterAll(async () => {
  await receiver?.close();
  await s?.close();
  await sim?.close();
});

async function req(method: string, path: string, opts: Parameters<typeof call>[3] = {}): Promise<Reply> {
  const r = await call(s.t.url, method, path, opts);
  replies.push(r);
  return r;
}

const finalOf = (events: { data: unknown }[]) => AttemptEvent.parse(events.at(-1)?.data);

describe('no secret reaches a log line', { timeout: 120_000 }, () => {
  it('session → attempts → exchange → status → rotate → webhooks → revoke, with canaries', async () => {
    const key = s.t.testKey;
    const hook = await req('POST', '/v1/webhook-endpoints', { token: key, body: { url: receiver.url } });
    expect(hook.status, hook.text).toBe(201);
    const whsec = (hook.json as { secret: string }).secret;

    const session = await req('POST', '/v1/connect/sessions', {
      token: key,
      body: { end_user: { id: 'canary-user', name: 'Dana Field' } },
    });
    expect(session.status, session.text).toBe(201);
    const st = (session.json as { session_token: string }).session_token;
    await req('GET', '/v1/connect/catalog?q=maximo', { token: st });

    const attempt = async (authMethod: string, values: Record<string, string>) => {
      const a = await req('POST', '/v1/connect/attempts', {
        token: st,
        body: {
          system_id: 'ibm-maximo',
          auth_method: authMethod,
          values: { instance_url: sim.url, ...values },
        },
      });
      expect(a.status, a.text).toBe(202);
      const id = (a.json as { attempt_id: string }).attempt_id;
      return finalOf((await readSse(s.t.url, `/v1/connect/attempts/${id}/events`, st)).events);
    };
    expect((await attempt('api_key', { api_key: CANARY_BAD_KEY })).type).toBe('failed');
    expect((await attempt('maxauth', { username: 'canaryuser', password: CANARY_PASSWORD })).type).toBe(
      'failed',
    );
    const done = await attempt('api_key', { api_key: CANARY_KEY });
    if (done.type !== 'succeeded') throw new Error(`expected success: ${JSON.stringify(done)}`);
    // The simulator saw the canary, so it really travelled through the pipeline.
    expect(sim.requests.some((r) => r.headers['apikey'] === CANARY_KEY)).toBe(true);

    const ex = await req('POST', '/v1/connect/exchange', {
      token: key,
      body: { public_token: done.public_token },
    });
    expect(ex.status, ex.text).toBe(200);
    const { connection_id: id, access_token: first } = ex.json as {
      connection_id: string;
      access_token: string;
    };
    // A second exchange of the same public token is refused (an error path that sees the token).
    await req('POST', '/v1/connect/exchange', { token: key, body: { public_token: done.public_token } });

    expect((await req('GET', '/v1/connection', { token: first })).status).toBe(200);
    const rotated = await req('POST', `/v1/connections/${id}/token/rotate`, {
      token: key,
      body: { grace_period_seconds: 60 },
    });
    expect(rotated.status, rotated.text).toBe(200);
    const second = (rotated.json as { access_token: string }).access_token;
    expect((await req('GET', '/v1/connection', { token: second })).status).toBe(200);
    expect((await req('GET', '/v1/connection', { token: first })).status).toBe(200);
    await req('POST', `/v1/connections/${id}/verify`, { token: key });

    // Tokens where they must never be: the query string, a corrupted checksum, a body field.
    await req('GET', `/v1/connection?access_token=${second}`);
    await req('GET', '/v1/connection', {
      token: `${second.slice(0, -1)}${second.endsWith('A') ? 'B' : 'A'}`,
    });
    await req('POST', '/v1/connect/sessions', {
      token: key,
      body: { end_user: { id: 'u' }, api_key: CANARY_KEY, password: CANARY_PASSWORD },
    });

    await s.deliver();
    expect(receiver.requests.length).toBeGreaterThanOrEqual(2);

    expect((await req('DELETE', `/v1/connections/${id}`, { token: key })).status).toBe(200);
    const dead = await req('GET', '/v1/connection', { token: second });
    expect((dead.json as { code: string }).code).toBe('TOKEN_REVOKED');
    await s.t.server.ctx.runner.drain();

    // Nor does any answer echo a canary (error bodies included).
    const answers = replies.map((r) => r.text).join('\n');
    for (const canary of [CANARY_KEY, CANARY_BAD_KEY, CANARY_PASSWORD]) expect(answers).not.toContain(canary);

    const lines = [...s.t.logs, ...connectorLines];
    const all = lines.join('\n');
    expect(lines.length).toBeGreaterThan(30);

    // 1. No canary, anywhere (values, messages, errors, stacks).
    for (const canary of [CANARY_KEY, CANARY_BAD_KEY, CANARY_PASSWORD, tag])
      expect(all).not.toContain(canary);
    // 2. No whole token or secret we handed out or received.
    for (const secret of [key, st, done.public_token, first, second, whsec, whsec.slice(6)]) {
      expect(all).not.toContain(secret);
    }
    expect(all).not.toMatch(/fl[kspch]_(?:test_|live_)?[0-9A-Za-z]{12,}/);
    expect(all).not.toMatch(/whsec_[A-Za-z0-9+/]{8,}/);
    // 3. Connection tokens show as prefix + last four, and that is how requests made with them are logged.
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const byToken = (t: string) =>
      parsed.filter((p) => p['auth'] === 'connection' && p['token'] === `flc_test_…${t.slice(-4)}`);
    expect(byToken(first).length).toBeGreaterThanOrEqual(2);
    expect(byToken(second).length).toBeGreaterThanOrEqual(1);
    const shown = parsed.map((p) => p['token']).filter((v): v is string => typeof v === 'string');
    expect(shown.length).toBeGreaterThan(10);
    for (const token of shown) expect(token).toMatch(/^fl[kspch]_(?:test_|live_)?…[0-9A-Za-z]{4}$/);
  });

  it('puts the request id on every line a request writes and in every error body', () => {
    const parsed = s.t.logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const r of replies) {
      const id = r.headers.get('x-request-id');
      expect(id).toMatch(/^req_[0-9A-Za-z]{20}$/);
      const access = parsed.filter((p) => p['req_id'] === id && p['msg'] === 'request');
      expect(access, `access line of ${id}`).toHaveLength(1);
    }
    const refused = replies.filter((r) => r.status >= 400);
    expect(refused.length).toBeGreaterThanOrEqual(4);
    for (const r of refused) {
      const problem = Problem.parse(r.json);
      expect(problem.request_id).toBe(r.headers.get('x-request-id'));
      expect(parsed.some((p) => p['req_id'] === problem.request_id && p['code'] === problem.code)).toBe(true);
    }
    // Lines without a request id come from background work only (dispatcher, monitor), and say which.
    for (const p of parsed.filter((x) => x['req_id'] === undefined)) {
      expect(p['component'], `a request-less line without a component: ${JSON.stringify(p)}`).toBeDefined();
    }
    // An attempt runs after its 202, yet its lines carry the id of the request that started it.
    const starts = parsed.filter((p) => p['msg'] === 'attempt started');
    expect(starts).toHaveLength(3);
    for (const start of starts) {
      const ends = parsed.filter(
        (p) =>
          p['attempt_id'] === start['attempt_id'] &&
          (p['msg'] === 'attempt failed' || p['msg'] === 'attempt succeeded'),
      );
      expect(ends).toHaveLength(1);
      expect(ends[0]?.['req_id']).toBe(start['req_id']);
    }
    // Work a request started inside its handler (revoke, rotation, verification) logs with that request's id.
    for (const msg of ['connection revoked', 'connection token rotated', 'connection checked']) {
      const line = parsed.find((p) => p['msg'] === msg);
      expect(line, msg).toBeDefined();
      expect(line?.['req_id'], msg).toMatch(/^req_/);
    }
  });
});
