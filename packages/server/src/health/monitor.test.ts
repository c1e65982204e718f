import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import type { Db } from '../db/types';
import { ApiError } from '../http/problem';
import { silentLogger } from '../webhooks/deps';
import { createOutbox } from '../webhooks/outbox';
import { createTestDb, truncateAll } from '../webhooks/test-support';
import { createHealthMonitor, type CheckReport } from './monitor';
import type { HealthPolicy } from './policy';
import type { VerifyConnection } from './ports';
import { events, failure, insertConnection, OK, scriptedVerify, status } from './test-fixtures';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const T0 = new Date('2026-03-01T00:00:00Z');

describe('health monitor', { timeout: 30_000 }, () => {
  let db: Db;
  let clock: ManualClock;
  const reports: CheckReport[] = [];

  const monitor = (verify: VerifyConnection, overrides: { db?: Db; policy?: Partial<HealthPolicy> } = {}) =>
    createHealthMonitor({
      db: overrides.db ?? db,
      clock,
      logger: silentLogger,
      verify,
      outbox: createOutbox({ clock }),
      random: () => 0.5,
      ...(overrides.policy ? { policy: overrides.policy } : {}),
      onCheck: (r) => reports.push(r),
    });

  beforeAll(async () => {
    db = await createTestDb();
  }, 60_000);
  afterAll(() => db.close());
  beforeEach(async () => {
    await truncateAll(db);
    clock = new ManualClock(T0);
    reports.length = 0;
  });

  it('checks a connection one interval after its last verification, then every interval', async () => {
    await insertConnection(db, { id: 'conn_a', lastVerifiedAt: T0 });
    const { verify, calls } = scriptedVerify({ conn_a: [OK] });
    const m = monitor(verify);

    clock.advance(6 * H - 1);
    expect(await m.runOnce()).toBe(0);
    clock.advance(1);
    expect(await m.runOnce()).toBe(1);
    expect(calls).toEqual(['conn_a']);
    const after = await status(db, 'conn_a');
    expect(after).toEqual({ status: 'active', next_check_at: new Date(T0.getTime() + 12 * H) });
    const { rows } = await db.query<{
      last_verified_at: Date;
      last_verification: { outcome: string; steps: unknown[] };
    }>('SELECT last_verified_at, last_verification FROM connections');
    expect(rows[0]!.last_verified_at).toEqual(clock.now());
    expect(rows[0]!.last_verification).toMatchObject({ outcome: 'succeeded', steps: OK.steps });
    expect(await events(db)).toEqual([]);

    clock.advance(6 * H);
    expect(await m.runOnce()).toBe(1);
    expect(calls).toHaveLength(2);
  });

  it('spreads checks with jitter of ±10 %', async () => {
    await insertConnection(db, { id: 'conn_a', lastVerifiedAt: T0, nextCheckAt: T0 });
    for (const [r, expected] of [
      [0, 5.4 * H],
      [0.999999, 6.6 * H],
    ] as const) {
      await db.query('UPDATE connections SET next_check_at = $1', [clock.now()]);
      const m = createHealthMonitor({
        db,
        clock,
        logger: silentLogger,
        verify: scriptedVerify({ conn_a: [OK] }).verify,
        outbox: createOutbox({ clock }),
        random: () => r,
      });
      await m.runOnce();
      const next = (await status(db, 'conn_a')).next_check_at!;
      expect(Math.abs(next.getTime() - clock.now().getTime() - expected)).toBeLessThan(S);
    }
  });

  it('an authentication failure requires reauthorization once, with its webhook, and is never retried', async () => {
    await insertConnection(db, { id: 'conn_a', lastVerifiedAt: T0, nextCheckAt: T0 });
    const { verify, calls } = scriptedVerify({
      conn_a: [failure('KEY_EXPIRED', 'The API key has expired. Create a new one in Maximo.')],
    });
    const m = monitor(verify);
    await m.runOnce();
    expect(await status(db, 'conn_a')).toEqual({ status: 'reauthorization_required', next_check_at: null });
    const [event] = await events(db);
    expect(event).toMatchObject({
      type: 'connection.reauthorization_required',
      environment: 'test',
      data: {
        connection: { id: 'conn_a', status: 'reauthorization_required', reauthorization_required: true },
        reason: {
          code: 'KEY_EXPIRED',
          display_message: 'The API key has expired. Create a new one in Maximo.',
        },
        reconnect: { reconnect_connection_id: 'conn_a' },
      },
    });
    clock.advance(30 * 24 * H);
    expect(await m.runOnce()).toBe(0);
    expect(calls).toHaveLength(1);
  });

  it('degrades an unreachable connection behind the breaker, probes without hammering, and recovers', async () => {
    await insertConnection(db, { id: 'conn_a', lastVerifiedAt: T0, nextCheckAt: T0 });
    const down = failure('INSTANCE_UNREACHABLE', 'Maximo could not be reached.');
    const { verify, calls } = scriptedVerify({ conn_a: [down, down, down, OK] });
    const m = monitor(verify);

    await m.runOnce(); // first failure: maybe a blip
    expect(await status(db, 'conn_a')).toEqual({
      status: 'active',
      next_check_at: new Date(T0.getTime() + M),
    });
    expect(await events(db)).toEqual([]);

    clock.advance(M);
    await m.runOnce(); // confirmed: degraded, breaker open
    expect(reports.at(-1)).toMatchObject({ to: 'degraded', breaker: 'open' });
    expect((await status(db, 'conn_a')).next_check_at).toEqual(new Date(clock.now().getTime() + 5 * M));
    expect((await events(db)).map((e) => e.type)).toEqual(['connection.degraded']);

    // Open: nothing reaches the instance during the cool-down.
    for (let i = 0; i < 4; i++) {
      clock.advance(M);
      expect(await m.runOnce()).toBe(0);
    }
    expect(calls).toHaveLength(2);

    clock.advance(M);
    await m.runOnce(); // half-open probe fails: open again, cool-down doubled, no second webhook
    expect(calls).toHaveLength(3);
    expect(reports.at(-1)).toMatchObject({
      outcome: 'unreachable',
      from: 'degraded',
      to: 'degraded',
      breaker: 'open',
    });
    expect((await status(db, 'conn_a')).next_check_at).toEqual(new Date(clock.now().getTime() + 10 * M));
    expect(await events(db)).toHaveLength(1);

    clock.advance(10 * M);
    await m.runOnce(); // half-open probe succeeds
    expect(reports.at(-1)).toMatchObject({
      outcome: 'ok',
      from: 'degraded',
      to: 'active',
      breaker: 'closed',
    });
    expect((await events(db)).map((e) => e.type)).toEqual(['connection.degraded', 'connection.recovered']);
    expect((await status(db, 'conn_a')).next_check_at).toEqual(new Date(clock.now().getTime() + 6 * H));
  });

  it('caps the cool-down of a breaker that stays open', async () => {
    await insertConnection(db, { id: 'conn_a', lastVerifiedAt: T0, nextCheckAt: T0 });
    const { verify } = scriptedVerify({ conn_a: [failure('UPSTREAM_TIMEOUT')] });
    const m = monitor(verify);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      await m.runOnce();
      const next = (await status(db, 'conn_a')).next_check_at!;
      waits.push((next.getTime() - clock.now().getTime()) / M);
      clock.set(next);
    }
    expect(waits).toEqual([1, 5, 10, 20, 40, 60, 60, 60]);
  });

  it('moves a degraded connection to reauthorization_required when the credentials then fail', async () => {
    await insertConnection(db, { id: 'conn_a', status: 'degraded', lastVerifiedAt: T0, nextCheckAt: T0 });
    const { verify } = scriptedVerify({ conn_a: [failure('INVALID_CREDENTIALS')] });
    await monitor(verify).runOnce();
    expect((await status(db, 'conn_a')).status).toBe('reauthorization_required');
    expect((await events(db)).map((e) => e.type)).toEqual(['connection.reauthorization_required']);
  });

  it('changes nothing on an inconclusive check, and tries again later', async () => {
    await insertConnection(db, { id: 'conn_a', lastVerifiedAt: T0, nextCheckAt: T0 });
    const { verify } = scriptedVerify({ conn_a: [failure('TOO_MANY_ATTEMPTS')] });
    await monitor(verify).runOnce();
    expect(await status(db, 'conn_a')).toEqual({
      status: 'active',
      next_check_at: new Date(T0.getTime() + 30 * M),
    });
    expect(await events(db)).toEqual([]);
  });

  it('treats a verifier that throws as inconclusive', async () => {
    await insertConnection(db, { id: 'conn_a', lastVerifiedAt: T0, nextCheckAt: T0 });
    await monitor(async () => {
      throw new Error('decryption failed');
    }).runOnce();
    expect(reports.at(-1)).toMatchObject({ outcome: 'inconclusive', to: 'active' });
  });

  it('leaves a connection revoked during its check alone', async () => {
    await insertConnection(db, { id: 'conn_a', lastVerifiedAt: T0, nextCheckAt: T0 });
    const m = monitor(async () => {
      await db.query(`UPDATE connections SET status = 'revoked'`);
      return failure('INVALID_CREDENTIALS');
    });
    await m.runOnce();
    expect((await status(db, 'conn_a')).status).toBe('revoked');
    expect(await events(db)).toEqual([]);
    clock.advance(24 * H);
    expect(await m.runOnce()).toBe(0);
  });

  it('brings back a check whose instance died mid-way, once its lease runs out', async () => {
    await insertConnection(db, { id: 'conn_a', lastVerifiedAt: T0, nextCheckAt: T0 });
    const crashing: Db = { ...db, transaction: () => Promise.reject(new Error('killed')) };
    const dying = monitor(scriptedVerify({ conn_a: [OK] }).verify, { db: crashing });
    const { verify, calls } = scriptedVerify({ conn_a: [OK] });
    const healthy = monitor(verify);
    expect(await dying.runOnce()).toBe(1);
    expect(await healthy.runOnce()).toBe(0);
    clock.advance(5 * M);
    expect(await healthy.runOnce()).toBe(1);
    expect(calls).toEqual(['conn_a']);
  });

  it('shares the checks between instances without checking anything twice', async () => {
    for (let i = 0; i < 12; i++)
      await insertConnection(db, { id: `conn_${i}`, lastVerifiedAt: T0, nextCheckAt: T0 });
    const script = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`conn_${i}`, [OK]]));
    const a = scriptedVerify(script);
    const b = scriptedVerify(script);
    const ma = monitor(a.verify);
    const mb = monitor(b.verify);
    let total = 0;
    for (;;) {
      const [x, y] = await Promise.all([ma.runOnce(), mb.runOnce()]);
      total += x + y;
      if (x + y === 0) break;
    }
    expect(total).toBe(12);
    expect([...a.calls, ...b.calls].sort()).toEqual(Object.keys(script).sort());
  });

  describe('verify on demand', () => {
    it('runs at once and answers the connection after the check', async () => {
      await insertConnection(db, { id: 'conn_a', lastVerifiedAt: T0 });
      clock.advance(H);
      const { verify, calls } = scriptedVerify({ conn_a: [OK] });
      const view = await monitor(verify).verifyNow('env_test', 'conn_a');
      expect(calls).toEqual(['conn_a']);
      expect(view).toMatchObject({
        id: 'conn_a',
        status: 'active',
        last_verified_at: clock.now().toISOString(),
        next_check_at: new Date(clock.now().getTime() + 6 * H).toISOString(),
        last_verification: { outcome: 'succeeded' },
      });
    });

    it('moves the connection through the same transitions as the schedule', async () => {
      await insertConnection(db, { id: 'conn_a', lastVerifiedAt: T0 });
      const { verify } = scriptedVerify({ conn_a: [failure('ACCOUNT_LOCKED')] });
      const view = await monitor(verify).verifyNow('env_test', 'conn_a');
      expect(view.status).toBe('reauthorization_required');
      expect((await events(db)).map((e) => e.type)).toEqual(['connection.reauthorization_required']);
    });

    it('refuses another environment, a revoked connection and one that needs reauthorization', async () => {
      await insertConnection(db, { id: 'conn_live', environmentId: 'env_live', lastVerifiedAt: T0 });
      await insertConnection(db, { id: 'conn_rev', status: 'revoked', lastVerifiedAt: T0 });
      await insertConnection(db, { id: 'conn_re', status: 'reauthorization_required', lastVerifiedAt: T0 });
      const { verify, calls } = scriptedVerify({});
      const m = monitor(verify);
      await expect(m.verifyNow('env_test', 'conn_live')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(m.verifyNow('env_test', 'conn_rev')).rejects.toMatchObject({ code: 'CONFLICT' });
      const err = await m.verifyNow('env_test', 'conn_re').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect(err).toMatchObject({ code: 'REAUTHORIZATION_REQUIRED' });
      expect((err as ApiError).options.hint).toContain('reconnect_connection_id');
      expect(calls).toEqual([]);
    });

    it('while the breaker is open, probes at most once per 30 s', async () => {
      await insertConnection(db, { id: 'conn_a', lastVerifiedAt: T0, nextCheckAt: T0 });
      const down = failure('INSTANCE_UNREACHABLE');
      const { verify, calls } = scriptedVerify({ conn_a: [down, down, down, OK] });
      const m = monitor(verify);
      await m.runOnce();
      clock.advance(M);
      await m.runOnce();
      expect((await status(db, 'conn_a')).status).toBe('degraded');

      clock.advance(10 * S);
      const err = await m.verifyNow('env_test', 'conn_a').catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', options: { retry_after: 20 } });
      expect(calls).toHaveLength(2);

      clock.advance(20 * S);
      expect((await m.verifyNow('env_test', 'conn_a')).status).toBe('degraded');
      clock.advance(30 * S);
      expect((await m.verifyNow('env_test', 'conn_a')).status).toBe('active');
      expect((await events(db)).map((e) => e.type)).toEqual(['connection.degraded', 'connection.recovered']);
    });

    it('refuses while a scheduled check of the same connection is running', async () => {
      await insertConnection(db, { id: 'conn_a', lastVerifiedAt: T0, nextCheckAt: T0 });
      let release = () => {};
      const slow: VerifyConnection = () =>
        new Promise((resolve) => {
          release = () => resolve(OK);
        });
      const m = monitor(slow);
      const round = m.runOnce();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await expect(m.verifyNow('env_test', 'conn_a')).rejects.toMatchObject({ code: 'CONFLICT' });
      release();
      await round;
    });
  });
});
