/** A real server with the lifecycle plugin, for the integration suites of issue 5. */
import { createUrlGuard } from '@flange/connectors';
import { ManualClock } from '../clock';
import type { AppPlugin } from '../context';
import { storeCredentials } from '../services/credentials';
import { startTestServer, testConfig, type TestServer } from '../testing/harness';
import { createTestDb } from '../testing/test-db';
import { startReceiver, type Receiver } from '../webhooks/test-support';
import { DEFAULT_LIFECYCLE_CONFIG, type LifecycleConfig } from './config';
import { createLifecycle, type Lifecycle } from './plugin';

export interface LifecycleServer {
  t: TestServer;
  lifecycle: Lifecycle;
  receiver: Receiver;
  /** Replace a connection's stored credentials (the fake connectors answer by the api_key value). */
  setApiKey(connectionId: string, apiKey: string): Promise<void>;
  /** Run the dispatcher until nothing is due. */
  deliver(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Start the server with the lifecycle plugin and a webhook receiver on loopback. Background loops stay off:
 * tests run the dispatcher and the monitor by hand. Webhooks go through the real guarded client, with the
 * test network policy (127.0.0.1/32 allowed, plain http allowed).
 */
export async function startLifecycleServer(
  opts: { rateLimits?: Partial<LifecycleConfig['rateLimits']>; plugins?: AppPlugin[] } = {},
): Promise<LifecycleServer> {
  const db = await createTestDb();
  const clock = new ManualClock(new Date());
  const network = testConfig().network;
  const lifecycle = createLifecycle({
    config: {
      ...DEFAULT_LIFECYCLE_CONFIG,
      rateLimits: { ...DEFAULT_LIFECYCLE_CONFIG.rateLimits, ...opts.rateLimits },
      health: { ...DEFAULT_LIFECYCLE_CONFIG.health, enabled: false },
      webhooks: { enabled: false },
    },
    db,
    clock,
    network,
    checkUrl: createUrlGuard({ policy: network }),
    dispatcher: { random: () => 0.5 },
  });
  const t = await startTestServer({
    db,
    clock,
    outbox: lifecycle.outbox,
    plugins: [lifecycle.plugin, ...(opts.plugins ?? [])],
  });
  const receiver = await startReceiver();
  return {
    t,
    lifecycle,
    receiver,
    async setApiKey(connectionId, apiKey) {
      const { rows } = await db.query<{ environment_id: string }>(
        'SELECT environment_id FROM connections WHERE id = $1',
        [connectionId],
      );
      await db.transaction((tx) =>
        storeCredentials(
          tx,
          { keyring: t.keyring },
          rows[0]!.environment_id,
          connectionId,
          { instance_url: 'https://cmms.example.com', api_key: apiKey },
          clock.now(),
        ),
      );
    },
    async deliver() {
      while ((await lifecycle.webhooks.dispatcher.runOnce()) > 0) {
        // keep going until nothing is due
      }
    },
    async close() {
      await receiver.close();
      await t.close();
      await db.close();
    },
  };
}
