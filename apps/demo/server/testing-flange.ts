import { randomBytes } from 'node:crypto';
import { createConnectors } from '@flange/connectors';
import { maximoSandboxHints, startMaximoSimulator, type MaximoSimulator } from '@flange/simulators';
import {
  DEFAULT_LIFECYCLE_CONFIG,
  Keyring,
  createLifecycle,
  createLogger,
  createPgliteDb,
  createTenant,
  loadConfig,
  migrate,
  startServer,
  systemClock,
  type RunningServer,
} from '@flange/server';

/** A real Flange server (in-memory PGlite, real connectors) and a Maximo simulator, for one test file. */
export interface FlangeStack {
  flangeUrl: string;
  secretKey: string;
  maximo: MaximoSimulator;
  goodApiKey: string;
  close(): Promise<void>;
}

/**
 * Start the stack the demo talks to in production, on port 0, with nothing read from the environment: the
 * Flange server with its lifecycle module (webhooks dispatched at once, no scheduled health checks).
 * Loopback is opted in for the simulator and the demo's receiver, as `pnpm start` does; with
 * `loopbackWebhooks: false` webhook URLs get the production rules (no private or loopback addresses).
 */
export async function startFlangeStack(opts: { loopbackWebhooks?: boolean } = {}): Promise<FlangeStack> {
  const maximo = await startMaximoSimulator({ host: '127.0.0.1' });
  const db = await createPgliteDb();
  await migrate(db);
  const pepper = randomBytes(32);
  const tenant = await createTenant(db, pepper, new Date(), {
    name: 'Acme Reliability',
    environments: ['test'],
  });
  const config = loadConfig(
    {
      PORT: '0',
      FLANGE_SEED_DEMO: 'false',
      FLANGE_ALLOWED_NETWORKS: '127.0.0.1/32',
      FLANGE_ALLOW_HTTP: 'true',
      LOG_LEVEL: 'silent',
    },
    { cwd: process.cwd(), hostedDist: '/nonexistent' },
  );
  const lifecycle = createLifecycle({
    config: { ...DEFAULT_LIFECYCLE_CONFIG, health: { ...DEFAULT_LIFECYCLE_CONFIG.health, enabled: false } },
    db,
    clock: systemClock,
    network: opts.loopbackWebhooks === false ? { ...config.network, allowedNetworks: [] } : config.network,
    dispatcher: { pollIntervalMs: 100 },
  });
  const server: RunningServer = await startServer({
    config,
    db,
    connectors: createConnectors({ policy: config.network, clock: systemClock }),
    keyring: new Keyring([{ kid: 'demo-test', key: randomBytes(32) }]),
    pepper,
    logger: createLogger({ level: 'silent' }),
    sandbox: { 'ibm-maximo': maximoSandboxHints(maximo.url) },
    publicUrlFromPort: true,
    outbox: lifecycle.outbox,
    plugins: [lifecycle.plugin],
  });
  const goodApiKey = maximoSandboxHints(maximo.url).credentials.api_key?.api_key;
  if (goodApiKey === undefined) throw new Error('The Maximo sandbox hints name no API key.');
  return {
    flangeUrl: server.url,
    secretKey: tenant.environments.test?.secretKey ?? '',
    maximo,
    goodApiKey,
    async close() {
      await server.close();
      await db.close();
      await maximo.close();
    },
  };
}

/**
 * What the widget does with a session token: start an attempt and follow it to its end (through the
 * attempt's state, which carries the same events as the stream). Returns the public token.
 */
export async function connectMaximo(
  flangeUrl: string,
  sessionToken: string,
  values: { instance_url: string; api_key: string },
): Promise<{ publicToken: string | null; events: unknown[] }> {
  const headers = { authorization: `Bearer ${sessionToken}`, 'content-type': 'application/json' };
  const created = await fetch(`${flangeUrl}/v1/connect/attempts`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ system_id: 'ibm-maximo', auth_method: 'api_key', values }),
  });
  if (created.status !== 201 && created.status !== 202 && created.status !== 200) {
    throw new Error(`attempt refused: ${created.status} ${await created.text()}`);
  }
  const { attempt_id } = (await created.json()) as { attempt_id: string };
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const res = await fetch(`${flangeUrl}/v1/connect/attempts/${attempt_id}`, { headers });
    const state = (await res.json()) as { status: string; events: { type: string; public_token?: string }[] };
    if (state.status !== 'running') {
      const done = state.events.find((e) => e.type === 'succeeded');
      return { publicToken: done?.public_token ?? null, events: state.events };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the attempt did not finish in 20 s');
}
