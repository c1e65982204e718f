import { ConnectionView } from '@flange/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimDueChecks } from '../health/leases';
import { DEFAULT_HEALTH_POLICY } from '../health/policy';
import { DEFAULT_LIFECYCLE_CONFIG } from '../lifecycle/config';
import { call, connect } from '../testing/harness';
import { startOpsServer, type OpsServer } from './test-setup';

/** A new connection says when the health monitor first checks it, and the monitor keeps that promise. */
const INTERVAL = DEFAULT_LIFECYCLE_CONFIG.health.intervalMs;
const JITTER = DEFAULT_HEALTH_POLICY.jitter;

async function view(s: OpsServer, id: string): Promise<ConnectionView> {
  const r = await call(s.t.url, 'GET', `/v1/connections/${id}`, { token: s.t.testKey });
  expect(r.status, r.text).toBe(200);
  return ConnectionView.parse(r.json);
}

const within = (at: string | null, from: Date) => {
  expect(at).not.toBeNull();
  const delay = new Date(at ?? 0).getTime() - from.getTime();
  expect(delay).toBeGreaterThanOrEqual(Math.floor(INTERVAL * (1 - JITTER)));
  expect(delay).toBeLessThanOrEqual(Math.ceil(INTERVAL * (1 + JITTER)));
};

describe('next_check_at of a new connection', { timeout: 60_000 }, () => {
  let s: OpsServer;
  beforeAll(async () => {
    s = await startOpsServer({ health: true });
    // The scheduled loop is stopped so this test claims checks itself, with the manual clock.
    await s.lifecycle?.monitor().stop();
  });
  afterAll(() => s.close());

  it('is set at creation to created_at + the health interval (± jitter), shown to both tokens', async () => {
    const c = await connect(s.t);
    const v = await view(s, c.connectionId);
    within(v.next_check_at, new Date(v.created_at));
    const own = await call(s.t.url, 'GET', '/v1/connection', { token: c.accessToken });
    expect((own.json as ConnectionView).next_check_at).toBe(v.next_check_at);
  });

  it('is when the monitor claims the check: not a second before', async () => {
    const c = await connect(s.t);
    const next = new Date((await view(s, c.connectionId)).next_check_at ?? 0);
    const policy = { ...DEFAULT_HEALTH_POLICY, intervalMs: INTERVAL };
    const early = await claimDueChecks(s.t.db, new Date(next.getTime() - 1000), policy, 100);
    expect(early.rows.map((r) => r.connection_id)).not.toContain(c.connectionId);
    const due = await claimDueChecks(s.t.db, new Date(next.getTime() + 1000), policy, 100);
    expect(due.rows.map((r) => r.connection_id)).toContain(c.connectionId);
  });

  it('starts over after a reconnect', async () => {
    const c = await connect(s.t);
    const before = (await view(s, c.connectionId)).next_check_at;
    s.t.clock.advance(3 * 3_600_000);
    const again = await connect(s.t, { session: { reconnect_connection_id: c.connectionId } });
    expect(again.connectionId).toBe(c.connectionId);
    const after = await view(s, c.connectionId);
    within(after.next_check_at, s.t.clock.now());
    expect(after.next_check_at).not.toBe(before);
  });
});

describe('without scheduled checks', { timeout: 60_000 }, () => {
  it('is null: no check is promised when no monitor runs', async () => {
    const s = await startOpsServer({ health: false });
    try {
      const c = await connect(s.t);
      expect((await view(s, c.connectionId)).next_check_at).toBeNull();
    } finally {
      await s.close();
    }
  });
});
