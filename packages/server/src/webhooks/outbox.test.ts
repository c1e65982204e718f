import { WebhookEvent } from '@flange/protocol';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/types';
import { createEndpointStore } from './endpoints';
import { createOutbox } from './outbox';
import { createTestDb, manualClock, sampleConnection, testSecretBox, truncateAll } from './test-support';

const TEST = { environmentId: 'env_test', environment: 'test' as const };
const LIVE = { environmentId: 'env_live', environment: 'live' as const };

describe('outbox', { timeout: 30_000 }, () => {
  let db: Db;
  const clock = manualClock(new Date('2026-03-01T10:00:00Z'));
  const outbox = createOutbox({ clock });
  const endpoints = () =>
    createEndpointStore({ db, clock, secrets: testSecretBox(), checkUrl: async () => null });

  beforeAll(async () => {
    db = await createTestDb();
  }, 60_000);
  beforeEach(() => truncateAll(db));
  afterAll(() => db.close());

  it('writes the event and one delivery per subscribed endpoint of the environment', async () => {
    const e = endpoints();
    const all = await e.create(TEST, { url: 'https://all.example.com' });
    const revokedOnly = await e.create(TEST, {
      url: 'https://r.example.com',
      events: ['connection.revoked'],
    });
    await e.create(LIVE, { url: 'https://live.example.com' });

    const created = await db.transaction((tx) =>
      outbox.enqueue(tx, TEST.environmentId, {
        type: 'connection.created',
        data: { connection: sampleConnection() },
      }),
    );
    expect(created.deliveries).toBe(1);
    const revoked = await db.transaction((tx) =>
      outbox.enqueue(tx, TEST.environmentId, {
        type: 'connection.revoked',
        data: { connection: sampleConnection({ status: 'revoked' }) },
      }),
    );
    expect(revoked.deliveries).toBe(2);

    const { rows } = await db.query<{ endpoint_id: string; event_id: string }>(
      'SELECT endpoint_id, event_id FROM webhook_deliveries ORDER BY endpoint_id',
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { endpoint_id: all.id, event_id: created.eventId },
        { endpoint_id: all.id, event_id: revoked.eventId },
        { endpoint_id: revokedOnly.id, event_id: revoked.eventId },
      ]),
    );
    expect(rows).toHaveLength(3);
  });

  it('stores the exact envelope that will be signed', async () => {
    await endpoints().create(TEST, { url: 'https://all.example.com' });
    const { eventId } = await db.transaction((tx) =>
      outbox.enqueue(tx, TEST.environmentId, {
        type: 'connection.created',
        data: { connection: sampleConnection() },
      }),
    );
    const { rows } = await db.query<{ body: string }>('SELECT body FROM webhook_events WHERE id = $1', [
      eventId,
    ]);
    const body = JSON.parse(rows[0]!.body) as unknown;
    expect(WebhookEvent.parse(body)).toMatchObject({
      id: eventId,
      type: 'connection.created',
      environment: 'test',
      created_at: '2026-03-01T10:00:00.000Z',
    });
  });

  it('rolls back with the state change it belongs to', async () => {
    await endpoints().create(TEST, { url: 'https://all.example.com' });
    await expect(
      db.transaction(async (tx) => {
        await outbox.enqueue(tx, TEST.environmentId, {
          type: 'connection.created',
          data: { connection: sampleConnection() },
        });
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    expect((await db.query('SELECT 1 FROM webhook_events')).rows).toHaveLength(0);
    expect((await db.query('SELECT 1 FROM webhook_deliveries')).rows).toHaveLength(0);
  });

  it('refuses a payload that breaks the published schema', async () => {
    const bad = { type: 'connection.created', data: { connection: { id: 'x' } } } as never;
    await expect(db.transaction((tx) => outbox.enqueue(tx, TEST.environmentId, bad))).rejects.toThrow(
      /expected/i,
    );
    expect((await db.query('SELECT 1 FROM webhook_events')).rows).toHaveLength(0);
  });

  it('records the event even when no endpoint listens, and skips disabled endpoints', async () => {
    const e = await endpoints().create(TEST, { url: 'https://all.example.com' });
    await db.query(`UPDATE webhook_endpoints SET status = 'disabled' WHERE id = $1`, [e.id]);
    const r = await db.transaction((tx) =>
      outbox.enqueue(tx, TEST.environmentId, {
        type: 'connection.created',
        data: { connection: sampleConnection() },
      }),
    );
    expect(r.deliveries).toBe(0);
    expect((await db.query('SELECT 1 FROM webhook_events')).rows).toHaveLength(1);
  });
});
