import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectors } from '@flange/connectors';
import {
  AttemptEvent,
  CatalogResponse,
  ConnectionView,
  ExchangeResponse,
  SystemDetail,
} from '@flange/protocol';
import { maximoSandboxHints, startMaximoSimulator } from '@flange/simulators';
import type { MaximoSimulator } from '@flange/simulators';
import { call, expectProblem, newSession, runAttempt, startTestServer, testConfig } from '../testing/harness';
import type { TestServer } from '../testing/harness';

/**
 * The foundation end to end on the server side: real connectors, the real Maximo simulator over loopback
 * HTTP, real storage (PGlite, or PostgreSQL with FLANGE_TEST_DATABASE_URL). No fakes.
 */
let sim: MaximoSimulator;
let t: TestServer;

beforeAll(async () => {
  sim = await startMaximoSimulator({ host: '127.0.0.1' });
  const network = { ...testConfig().network, allowedNetworks: ['127.0.0.1/32'], allowHttp: true };
  t = await startTestServer({
    config: { network },
    connectors: createConnectors({ policy: network }),
    sandbox: { 'ibm-maximo': maximoSandboxHints(sim.url) },
  });
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
});

type Final =
  | { type: 'succeeded'; public_token: string; connection: ConnectionView }
  | {
      type: 'failed';
      error: { code: string; param?: string; step: string; upstream_code?: string; guidance?: unknown };
    };
const final = (events: { data: unknown }[]) => AttemptEvent.parse(events.at(-1)?.data) as unknown as Final;

describe('IBM Maximo through the real connectors and simulator', () => {
  it('finds Maximo, shows sandbox hints, connects with an API key, exchanges, and reports status', async () => {
    const s = await newSession(t, {
      end_user: { id: 'acme-user-1', name: 'Jo Planner', organization: 'Bedford Plant' },
    });
    const catalog = CatalogResponse.parse(
      (await call(t.url, 'GET', '/v1/connect/catalog?q=maximo', { token: s.token })).json,
    );
    expect(catalog.data[0]?.id).toBe('ibm-maximo');
    const detail = SystemDetail.parse(
      (await call(t.url, 'GET', '/v1/connect/systems/ibm-maximo', { token: s.token })).json,
    );
    expect(detail.auth_methods.map((m) => m.id)).toEqual(expect.arrayContaining(['api_key', 'maxauth']));
    expect(detail.sandbox?.instance_url).toBe(sim.url);

    const { events } = await runAttempt(t, s.token, {
      system_id: 'ibm-maximo',
      auth_method: 'api_key',
      values: { instance_url: sim.url, api_key: 'maximo-good-key' },
    });
    const steps = events.map((e) => AttemptEvent.parse(e.data)).filter((e) => e.type === 'step');
    expect(steps.filter((e) => e.status === 'succeeded').map((e) => e.step)).toEqual(
      expect.arrayContaining(['authenticate', 'authorize', 'store']),
    );
    const done = final(events);
    if (done.type !== 'succeeded') throw new Error(`expected success, got ${JSON.stringify(done)}`);

    const ex = await call(t.url, 'POST', '/v1/connect/exchange', {
      token: t.testKey,
      body: { public_token: done.public_token },
    });
    expect({ status: ex.status, body: ex.text }).toMatchObject({ status: 200 });
    const { access_token, connection_id } = ExchangeResponse.parse(ex.json);
    const status = await call(t.url, 'GET', '/v1/connection', { token: access_token });
    expect(status.status).toBe(200);
    const view = ConnectionView.parse(status.json);
    expect(view).toMatchObject({
      id: connection_id,
      status: 'active',
      system: { id: 'ibm-maximo' },
      instance_url: sim.url,
    });
    expect(view.entities_verified.length).toBeGreaterThan(0);
    // The key reached Maximo only in its apikey header, and is nowhere in our storage or logs.
    expect(sim.requests.some((r) => r.headers.apikey === 'maximo-good-key')).toBe(true);
    const dump = JSON.stringify((await t.db.query('SELECT * FROM credentials')).rows);
    expect(dump).not.toContain('maximo-good-key');
    expect(t.logs.join('\n')).not.toContain('maximo-good-key');
  });

  it('a wrong key fails on the key field with guidance; the fixed key then succeeds in the same session', async () => {
    const s = await newSession(t);
    const bad = final(
      (
        await runAttempt(t, s.token, {
          system_id: 'ibm-maximo',
          auth_method: 'api_key',
          values: { instance_url: sim.url, api_key: 'maximo-typo-key' },
        })
      ).events,
    );
    expect(bad.type).toBe('failed');
    if (bad.type !== 'failed') return;
    expect(bad.error.param).toBe('api_key');
    expect(bad.error.step).toBe('authenticate');
    const good = final(
      (
        await runAttempt(t, s.token, {
          system_id: 'ibm-maximo',
          auth_method: 'api_key',
          values: { instance_url: sim.url, api_key: 'maximo-good-key' },
        })
      ).events,
    );
    expect(good.type).toBe('succeeded');
  });

  it('stops after 3 failed maxauth sign-ins: the 4th never reaches Maximo', async () => {
    const s = await newSession(t);
    const attempt = (password: string) => ({
      system_id: 'ibm-maximo',
      auth_method: 'maxauth',
      values: { instance_url: sim.url, username: 'wilson', password },
    });
    for (let i = 0; i < 3; i++)
      expect(final((await runAttempt(t, s.token, attempt(`wrong-${i}`))).events).type).toBe('failed');
    const seen = sim.requests.length;
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/attempts', { token: s.token, body: attempt('pass_good') }),
      'TOO_MANY_ATTEMPTS',
      429,
    );
    expect(sim.requests.length).toBe(seen);
  });

  it('refuses an address outside the allowed networks before any call', async () => {
    const s = await newSession(t);
    const done = final(
      (
        await runAttempt(t, s.token, {
          system_id: 'ibm-maximo',
          auth_method: 'api_key',
          values: { instance_url: 'http://10.0.0.1:9080', api_key: 'maximo-good-key' },
        })
      ).events,
    );
    expect(done).toMatchObject({ type: 'failed', error: { code: 'URL_NOT_ALLOWED' } });
  });
});
