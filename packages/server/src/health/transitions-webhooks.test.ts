import type { WebhookEvent } from '@flange/protocol';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Clock } from '../clock';
import type { Db } from '../db/types';
import { silentLogger } from '../webhooks/deps';
import { createWebhooks } from '../webhooks/index';
import { fetchSend } from '../webhooks/send';
import {
  createTestDb,
  startReceiver,
  testSecretBox,
  truncateAll,
  type Receiver,
} from '../webhooks/test-support';
import { createHealthMonitor } from './monitor';
import { failure, insertConnection, OK, scriptedVerify } from './test-fixtures';

const M = 60_000;
// The system time is faked (Date only), so standardwebhooks' freshness check agrees with our clock.
const clock: Clock = { now: () => new Date() };

describe('health transitions reach the host as signed webhooks', { timeout: 30_000 }, () => {
  let db: Db;
  let receiver: Receiver;

  beforeAll(async () => {
    db = await createTestDb();
  }, 60_000);
  afterAll(() => db.close());
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T00:00:00Z'));
    await truncateAll(db);
    receiver = await startReceiver();
  });
  afterEach(async () => {
    vi.useRealTimers();
    await receiver.close();
  });

  it('degraded, recovered and reauthorization_required, each verified by standardwebhooks', async () => {
    const webhooks = createWebhooks({
      db,
      clock,
      logger: silentLogger,
      send: fetchSend(),
      secrets: testSecretBox(),
      checkUrl: async () => null,
      dispatcher: { random: () => 0.5 },
    });
    const endpoint = await webhooks.endpoints.create(
      { environmentId: 'env_test', environment: 'test' },
      { url: receiver.url },
    );
    await insertConnection(db, { id: 'conn_a', lastVerifiedAt: new Date(), nextCheckAt: new Date() });
    const down = failure('INSTANCE_UNREACHABLE', 'Maximo could not be reached.');
    const { verify } = scriptedVerify({ conn_a: [down, down, OK, failure('INVALID_CREDENTIALS')] });
    const monitor = createHealthMonitor({
      db,
      clock,
      logger: silentLogger,
      verify,
      outbox: webhooks.outbox,
      random: () => 0.5,
    });

    // Each delivery is verified as it arrives, the way a receiver does (the library checks freshness).
    const received: WebhookEvent[] = [];
    const step = async (ms: number) => {
      vi.setSystemTime(Date.now() + ms);
      await monitor.runOnce();
      await webhooks.dispatcher.runOnce();
      for (const r of receiver.requests.slice(received.length)) {
        received.push(new Webhook(endpoint.secret).verify(r.body, r.headers) as WebhookEvent);
      }
    };
    await step(0);
    await step(M); // degraded
    await step(5 * M); // recovered
    await step(6 * 60 * M); // credentials rejected

    expect(
      received.map((e) => [e.type, e.data && 'connection' in e.data ? e.data.connection.status : null]),
    ).toEqual([
      ['connection.degraded', 'degraded'],
      ['connection.recovered', 'active'],
      ['connection.reauthorization_required', 'reauthorization_required'],
    ]);
    expect(received[0]).toMatchObject({ data: { reason: { code: 'INSTANCE_UNREACHABLE' } } });
    expect(received[2]).toMatchObject({
      data: { reason: { code: 'INVALID_CREDENTIALS' }, reconnect: { reconnect_connection_id: 'conn_a' } },
    });
  });
});
