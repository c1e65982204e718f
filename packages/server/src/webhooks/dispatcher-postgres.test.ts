import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger, systemClock } from './deps';
import { createWebhooks, type EnvScope } from './index';
import { fetchSend } from './send';
import { createPgTestDb, sampleConnection, startReceiver, testSecretBox } from './test-support';

const TEST: EnvScope = { environmentId: 'env_test', environment: 'test' };
const db = await createPgTestDb();

// The scale-out mode: several dispatchers on one real PostgreSQL, each with its own pool connections.
describe.skipIf(db === null)(
  'webhook dispatchers on PostgreSQL (skipped when 127.0.0.1:5432 does not answer)',
  { timeout: 60_000 },
  () => {
    afterAll(() => db?.close());

    it('three dispatchers claiming at once with SKIP LOCKED send each of 60 events exactly once', async () => {
      const receiver = await startReceiver();
      try {
        const secrets = testSecretBox();
        const make = () =>
          createWebhooks({
            db: db!,
            clock: systemClock,
            logger: silentLogger,
            send: fetchSend(),
            secrets,
            checkUrl: async () => null,
            dispatcher: { batchSize: 7, concurrency: 4 },
          });
        const workers = [make(), make(), make()];
        await workers[0]!.endpoints.create(TEST, { url: receiver.url });
        for (let i = 0; i < 60; i++) {
          await db!.transaction((tx) =>
            workers[0]!.outbox.enqueue(tx, TEST.environmentId, {
              type: 'connection.created',
              data: { connection: sampleConnection({ id: `conn_${i}` }) },
            }),
          );
        }
        const claimed = await Promise.all(
          workers.map(async (w) => {
            let n = 0;
            for (let got = await w.dispatcher.runOnce(); got > 0; got = await w.dispatcher.runOnce())
              n += got;
            return n;
          }),
        );
        expect(claimed.reduce((a, b) => a + b, 0)).toBe(60);
        expect(receiver.requests).toHaveLength(60);
        expect(new Set(receiver.requests.map((r) => r.headers['webhook-id'])).size).toBe(60);
        const { rows } = await db!.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'succeeded' AND attempt_count = 1`,
        );
        expect(rows[0]?.n).toBe(60);
      } finally {
        await receiver.close();
      }
    });
  },
);
