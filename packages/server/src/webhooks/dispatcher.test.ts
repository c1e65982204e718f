import type { WebhookEventInput } from '@flange/protocol';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../db/types';
import { silentLogger, type Clock } from './deps';
import type { AttemptRecord } from './dispatcher';
import { createWebhooks, type EnvScope } from './index';
import { fetchSend } from './send';
import {
  createTestDb,
  sampleConnection,
  startReceiver,
  testSecretBox,
  truncateAll,
  type Receiver,
} from './test-support';

const TEST: EnvScope = { environmentId: 'env_test', environment: 'test' };
const S = 1000;
const M = 60 * S;
const H = 60 * M;

// The clock reads the (faked) system time, so standardwebhooks' own freshness check agrees with ours.
const clock: Clock = { now: () => new Date() };
const advance = (ms: number) => vi.setSystemTime(Date.now() + ms);

const created = (id = 'conn_1'): WebhookEventInput => ({
  type: 'connection.created',
  data: { connection: sampleConnection({ id }) },
});

describe('webhook dispatcher', { timeout: 30_000 }, () => {
  let db: Db;
  let receiver: Receiver;
  const attempts: AttemptRecord[] = [];

  function setup(options: { timeoutMs?: number; leaseMs?: number; dbOverride?: Db } = {}) {
    return createWebhooks({
      db: options.dbOverride ?? db,
      clock,
      logger: silentLogger,
      send: fetchSend(),
      secrets,
      checkUrl: async () => null,
      dispatcher: {
        random: () => 0.5,
        timeoutMs: options.timeoutMs ?? 5000,
        ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
      },
      onAttempt: (a) => attempts.push(a),
    });
  }
  const secrets = testSecretBox();

  async function enqueue(w: ReturnType<typeof setup>, input: WebhookEventInput = created()) {
    return db.transaction((tx) => w.outbox.enqueue(tx, TEST.environmentId, input));
  }

  beforeAll(async () => {
    db = await createTestDb();
  }, 60_000);
  afterAll(() => db.close());
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T10:00:00Z'));
    await truncateAll(db);
    attempts.length = 0;
    receiver = await startReceiver();
  });
  afterEach(async () => {
    vi.useRealTimers();
    await receiver.close();
  });

  it('retries a receiver that fails, then delivers every event once it recovers, under one webhook-id each', async () => {
    const w = setup();
    const endpoint = await w.endpoints.create(TEST, { url: receiver.url });
    const events = [
      await enqueue(w, created('conn_1')),
      await enqueue(w, created('conn_2')),
      await enqueue(w, created('conn_3')),
    ];
    let down = true;
    receiver.respond((_req, res) => res.writeHead(down ? 500 : 200).end());

    expect(await w.dispatcher.runOnce()).toBe(3); // at once
    expect(await w.dispatcher.runOnce()).toBe(0); // nothing due before 5 s
    advance(5 * S - 1);
    expect(await w.dispatcher.runOnce()).toBe(0);
    advance(1);
    expect(await w.dispatcher.runOnce()).toBe(3); // 5 s later
    advance(5 * M);
    expect(await w.dispatcher.runOnce()).toBe(3); // 5 min later
    advance(29 * M);
    expect(await w.dispatcher.runOnce()).toBe(0);
    down = false;
    advance(1 * M);
    expect(await w.dispatcher.runOnce()).toBe(3); // 30 min later: recovered
    advance(24 * H);
    expect(await w.dispatcher.runOnce()).toBe(0); // nothing left

    expect(receiver.requests).toHaveLength(12);
    const byId = new Map<string, typeof receiver.requests>();
    for (const r of receiver.requests)
      byId.set(r.headers['webhook-id']!, [...(byId.get(r.headers['webhook-id']!) ?? []), r]);
    expect([...byId.keys()].sort()).toEqual(events.map((e) => e.eventId).sort());
    for (const [id, reqs] of byId) {
      expect(reqs).toHaveLength(4);
      expect(new Set(reqs.map((r) => r.body)).size).toBe(1);
      expect(JSON.parse(reqs[0]!.body)).toMatchObject({
        id,
        type: 'connection.created',
        environment: 'test',
      });
    }

    const list = await w.deliveries.list(TEST, { endpoint_id: endpoint.id });
    expect(list.data).toHaveLength(3);
    for (const d of list.data) {
      expect(d).toMatchObject({ status: 'succeeded', attempt_count: 4, next_attempt_at: null });
      expect(d.attempts.map((a) => [a.status_code, a.outcome, a.error_class])).toEqual([
        [500, 'failed', 'http_status'],
        [500, 'failed', 'http_status'],
        [500, 'failed', 'http_status'],
        [200, 'succeeded', null],
      ]);
    }
    expect(attempts.filter((a) => a.outcome === 'succeeded')).toHaveLength(3);
  });

  it('signs so that standardwebhooks verifies the delivered bytes', async () => {
    const w = setup();
    const endpoint = await w.endpoints.create(TEST, { url: receiver.url });
    const { eventId } = await enqueue(w);
    await w.dispatcher.runOnce();
    const req = receiver.requests[0]!;
    expect(req.headers['content-type']).toBe('application/json');
    const payload = new Webhook(endpoint.secret).verify(req.body, req.headers) as { id: string };
    expect(payload.id).toBe(eventId);
  });

  it('follows the whole schedule, then gives up and marks the delivery failed', async () => {
    const w = setup();
    await w.endpoints.create(TEST, { url: receiver.url });
    await enqueue(w);
    receiver.respond((_req, res) => res.writeHead(503).end());
    const waits = [0, 5 * S, 5 * M, 30 * M, 2 * H, 5 * H, 10 * H, 14 * H, 20 * H, 24 * H];
    const seen: number[] = [];
    const start = Date.now();
    for (const wait of waits) {
      advance(wait);
      expect(await w.dispatcher.runOnce()).toBe(1);
      seen.push(Date.now() - start);
    }
    advance(48 * H);
    expect(await w.dispatcher.runOnce()).toBe(0);
    expect(receiver.requests).toHaveLength(10);
    const [delivery] = (await w.deliveries.list(TEST, {})).data;
    expect(delivery).toMatchObject({ status: 'failed', attempt_count: 10, next_attempt_at: null });
    expect(seen.at(-1)! / H).toBeGreaterThan(75);
  });

  it('a worker that dies between sending and recording: the lease brings the delivery back, same webhook-id', async () => {
    const crashing: Db = {
      ...db,
      query: (sql, params) => db.query(sql, params),
      transaction: () => Promise.reject(new Error('killed')),
      close: () => db.close(),
    };
    const dying = setup({ dbOverride: crashing, leaseMs: 60 * S });
    const healthy = setup({ leaseMs: 60 * S });
    await healthy.endpoints.create(TEST, { url: receiver.url });
    const { eventId } = await enqueue(healthy);

    expect(await dying.dispatcher.runOnce()).toBe(1);
    expect(receiver.requests).toHaveLength(1);
    expect(await healthy.dispatcher.runOnce()).toBe(0); // still leased
    advance(60 * S);
    expect(await healthy.dispatcher.runOnce()).toBe(1);
    expect(receiver.requests.map((r) => r.headers['webhook-id'])).toEqual([eventId, eventId]);
    const [delivery] = (await healthy.deliveries.list(TEST, {})).data;
    expect(delivery?.status).toBe('succeeded');
  });

  it('410 Gone disables the endpoint and cancels what was queued for it', async () => {
    const w = setup();
    const endpoint = await w.endpoints.create(TEST, { url: receiver.url });
    await enqueue(w);
    receiver.respond((_req, res) => res.writeHead(500).end());
    await w.dispatcher.runOnce();
    await enqueue(w, created('conn_2'));
    receiver.respond((_req, res) => res.writeHead(410).end());
    advance(5 * S);
    expect(await w.dispatcher.runOnce()).toBe(2);

    expect(await w.endpoints.get(TEST, endpoint.id)).toMatchObject({
      status: 'disabled',
      disabled_reason: 'gone',
    });
    const statuses = (await w.deliveries.list(TEST, {})).data.map((d) => d.status).sort();
    // Both were claimed together; each answered 410 and ended failed (the second may also find it cancelled).
    expect(statuses.every((s) => s === 'failed' || s === 'cancelled')).toBe(true);
    expect(statuses).toContain('failed');

    const later = await enqueue(w, created('conn_3'));
    expect(later.deliveries).toBe(0);
    advance(48 * H);
    expect(await w.dispatcher.runOnce()).toBe(0);
  });

  it('treats a 3xx as a failure and never follows it', async () => {
    const w = setup();
    await w.endpoints.create(TEST, { url: receiver.url });
    await enqueue(w);
    receiver.respond((req, res) => {
      if (req.path === '/hooks') res.writeHead(302, { location: '/elsewhere' }).end();
      else res.writeHead(200).end();
    });
    await w.dispatcher.runOnce();
    expect(receiver.requests.map((r) => r.path)).toEqual(['/hooks']);
    const [delivery] = (await w.deliveries.list(TEST, {})).data;
    expect(delivery).toMatchObject({ status: 'pending', attempt_count: 1 });
    expect(delivery?.attempts[0]).toMatchObject({
      status_code: 302,
      error_class: 'redirect',
      outcome: 'failed',
    });
  });

  it('honours Retry-After on 429, 502 and 504, and only there', async () => {
    const w = setup();
    await w.endpoints.create(TEST, { url: receiver.url });
    const cases: [number, string, number][] = [
      [429, '3600', 3600 * S],
      [502, '120', 120 * S],
      [504, '1', 5 * S], // shorter than the schedule: the schedule wins
      [503, '3600', 5 * S], // not a throttling status
    ];
    for (const [status, retryAfter, expected] of cases) {
      await truncateAll(db);
      await w.endpoints.create(TEST, { url: receiver.url });
      await enqueue(w);
      receiver.respond((_req, res) => res.writeHead(status, { 'retry-after': retryAfter }).end());
      const before = Date.now();
      await w.dispatcher.runOnce();
      const [delivery] = (await w.deliveries.list(TEST, {})).data;
      expect([status, Date.parse(delivery!.next_attempt_at!) - before]).toEqual([status, expected]);
    }
  });

  it('classifies a receiver that never answers as a timeout, and a closed port as a network error', async () => {
    const w = setup({ timeoutMs: 300 });
    receiver.respond(() => undefined); // hold the request open
    await w.endpoints.create(TEST, { url: receiver.url });
    const closed = await startReceiver();
    await closed.close();
    await w.endpoints.create(TEST, { url: closed.url });
    await enqueue(w);
    await w.dispatcher.runOnce();
    const classes = (await w.deliveries.list(TEST, {})).data.map((d) => d.attempts[0]?.error_class).sort();
    expect(classes).toEqual(['network', 'timeout']);
  });

  it('sends two signatures while a rolled secret overlaps, one after', async () => {
    const w = setup();
    const endpoint = await w.endpoints.create(TEST, { url: receiver.url });
    const rolled = await w.endpoints.rollSecret(TEST, endpoint.id, { expires_in_seconds: 3600 });
    await enqueue(w);
    await w.dispatcher.runOnce();
    const during = receiver.requests[0]!;
    expect(during.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(new Webhook(endpoint.secret).verify(during.body, during.headers)).toBeTruthy();
    expect(new Webhook(rolled.secret).verify(during.body, during.headers)).toBeTruthy();

    advance(3600 * S);
    await enqueue(w, created('conn_2'));
    await w.dispatcher.runOnce();
    const after = receiver.requests[1]!;
    expect(after.headers['webhook-signature']!.split(' ')).toHaveLength(1);
    expect(new Webhook(rolled.secret).verify(after.body, after.headers)).toBeTruthy();
    expect(() => new Webhook(endpoint.secret).verify(after.body, after.headers)).toThrow(
      /No matching signature/,
    );
  });

  it('retries by hand: one attempt for a finished delivery, a kept place in the schedule for a pending one', async () => {
    const w = setup();
    await w.endpoints.create(TEST, { url: receiver.url });
    await enqueue(w);
    receiver.respond((_req, res) => res.writeHead(500).end());
    await w.dispatcher.runOnce();
    const [pending] = (await w.deliveries.list(TEST, {})).data;
    const scheduledAt = pending!.next_attempt_at;

    // Pending: attempted now; the failure keeps the original due time.
    expect((await w.deliveries.retry(TEST, pending!.id)).status).toBe('pending');
    expect(await w.dispatcher.runOnce()).toBe(1);
    let d = await w.deliveries.get(TEST, pending!.id);
    expect(d).toMatchObject({ status: 'pending', attempt_count: 2, next_attempt_at: scheduledAt });
    expect(d.attempts[1]).toMatchObject({ manual: true, outcome: 'failed' });

    // Failed for good: a hand retry gets exactly one attempt.
    await db.query(`UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL`);
    await w.deliveries.retry(TEST, pending!.id);
    await w.dispatcher.runOnce();
    d = await w.deliveries.get(TEST, pending!.id);
    expect(d).toMatchObject({ status: 'failed', attempt_count: 3 });
    advance(48 * H);
    expect(await w.dispatcher.runOnce()).toBe(0);

    receiver.respond((_req, res) => res.writeHead(204).end());
    await w.deliveries.retry(TEST, pending!.id);
    await w.dispatcher.runOnce();
    d = await w.deliveries.get(TEST, pending!.id);
    expect(d).toMatchObject({ status: 'succeeded', attempt_count: 4 });
    expect(new Set(receiver.requests.map((r) => r.headers['webhook-id'])).size).toBe(1);
  });

  it('refuses a hand retry in another environment, or to a disabled or deleted endpoint', async () => {
    const w = setup();
    const endpoint = await w.endpoints.create(TEST, { url: receiver.url });
    await enqueue(w);
    await w.dispatcher.runOnce();
    const [d] = (await w.deliveries.list(TEST, {})).data;
    await expect(
      w.deliveries.retry({ environmentId: 'env_live', environment: 'live' }, d!.id),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(w.deliveries.retry(TEST, 'whd_nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await db.query(`UPDATE webhook_endpoints SET status = 'disabled'`);
    await expect(w.deliveries.retry(TEST, d!.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await db.query(`UPDATE webhook_endpoints SET status = 'enabled'`);
    await w.endpoints.remove(TEST, endpoint.id);
    await expect(w.deliveries.retry(TEST, d!.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('cancels a delivery whose endpoint was deleted before it was sent', async () => {
    const w = setup();
    const endpoint = await w.endpoints.create(TEST, { url: receiver.url });
    await enqueue(w);
    await db.query('UPDATE webhook_endpoints SET deleted_at = $1 WHERE id = $2', [new Date(), endpoint.id]);
    expect(await w.dispatcher.runOnce()).toBe(1);
    expect(receiver.requests).toHaveLength(0);
    const { rows } = await db.query<{ status: string }>('SELECT status FROM webhook_deliveries');
    expect(rows[0]?.status).toBe('cancelled');
  });

  it('shares the work between dispatchers without sending anything twice', async () => {
    const a = setup();
    const b = setup();
    await a.endpoints.create(TEST, { url: receiver.url });
    for (let i = 0; i < 30; i++) await enqueue(a, created(`conn_${i}`));
    let claimed = 0;
    for (;;) {
      const [x, y] = await Promise.all([a.dispatcher.runOnce(), b.dispatcher.runOnce()]);
      claimed += x + y;
      if (x + y === 0) break;
    }
    expect(claimed).toBe(30);
    expect(new Set(receiver.requests.map((r) => r.headers['webhook-id'])).size).toBe(30);
    expect(receiver.requests).toHaveLength(30);
  });

  it('polls on its own once started, and stop() hands an in-flight delivery back', async () => {
    vi.useRealTimers();
    const w = setup();
    await w.endpoints.create(TEST, { url: receiver.url });
    let release = () => {};
    receiver.respond((_req, res) => {
      release = () => res.writeHead(200).end();
    });
    w.dispatcher.start();
    await enqueue(w);
    w.dispatcher.wake();
    await vi.waitFor(() => expect(receiver.requests).toHaveLength(1), { timeout: 5000 });
    await w.dispatcher.stop();
    release();
    const { rows } = await db.query<{ status: string; lease_id: string | null; attempt_count: number }>(
      'SELECT status, lease_id, attempt_count FROM webhook_deliveries',
    );
    expect(rows[0]).toEqual({ status: 'pending', lease_id: null, attempt_count: 0 });
    // A fresh start picks it up again.
    receiver.respond((_req, res) => res.writeHead(200).end());
    w.dispatcher.start();
    await vi.waitFor(() => expect(receiver.requests).toHaveLength(2), { timeout: 5000 });
    await w.dispatcher.stop();
  });
});
