import { ConnectionView, type WebhookEvent } from '@flange/protocol';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, connect, expectProblem, newSession, runAttempt } from '../testing/harness';
import { startLifecycleServer, type LifecycleServer } from './test-setup';

let s: LifecycleServer;
let secret: string;

beforeAll(async () => {
  s = await startLifecycleServer();
  const r = await call(s.t.url, 'POST', '/v1/webhook-endpoints', {
    token: s.t.testKey,
    body: { url: s.receiver.url },
  });
  if (r.status !== 201) throw new Error(r.text);
  secret = (r.json as { secret: string }).secret;
}, 60_000);
afterAll(() => s.close());

/** Deliver what is due and answer the events received since `from`, each verified by standardwebhooks. */
async function received(from: number): Promise<WebhookEvent[]> {
  await s.deliver();
  return s.receiver.requests
    .slice(from)
    .map((r) => new Webhook(secret).verify(r.body, r.headers) as WebhookEvent);
}

const verify = (id: string) => call(s.t.url, 'POST', `/v1/connections/${id}/verify`, { token: s.t.testKey });

describe(
  'every transition of ARCHITECTURE §3 reaches the host as a signed webhook',
  { timeout: 60_000 },
  () => {
    it('created → degraded → recovered → reauthorization_required → reauthorized → token_rotated → revoked', async () => {
      const c = await connect(s.t);
      let seen = 0;
      let got = await received(seen);
      expect(got.map((e) => e.type)).toEqual(['connection.created']);
      expect(got[0]).toMatchObject({
        environment: 'test',
        data: { connection: { id: c.connectionId, status: 'active' } },
      });
      seen = s.receiver.requests.length;

      // The instance goes down: the first failure may be a blip, the second degrades behind the breaker.
      await s.setApiKey(c.connectionId, 'unreachable');
      let r = await verify(c.connectionId);
      expect(ConnectionView.parse(r.json).status).toBe('active');
      r = await verify(c.connectionId);
      expect(ConnectionView.parse(r.json)).toMatchObject({
        status: 'degraded',
        last_verification: { outcome: 'failed', error_code: 'INSTANCE_UNREACHABLE' },
      });
      // No hammering: an immediate third check is refused without reaching the instance.
      const calls = s.t.fake.calls.length;
      expectProblem(await verify(c.connectionId), 'RATE_LIMIT_EXCEEDED', 429);
      expect(s.t.fake.calls.length).toBe(calls);
      got = await received(seen);
      expect(got.map((e) => e.type)).toEqual(['connection.degraded']);
      expect(got[0]).toMatchObject({ data: { reason: { code: 'INSTANCE_UNREACHABLE' } } });
      seen = s.receiver.requests.length;

      // It comes back: the half-open probe closes the breaker.
      await s.setApiKey(c.connectionId, 'good');
      s.t.clock.advance(31_000);
      r = await verify(c.connectionId);
      expect(ConnectionView.parse(r.json).status).toBe('active');
      expect((await received(seen)).map((e) => e.type)).toEqual(['connection.recovered']);
      seen = s.receiver.requests.length;

      // The key is revoked upstream: reauthorization is required, and the status route says so.
      await s.setApiKey(c.connectionId, 'bad');
      r = await verify(c.connectionId);
      expect(ConnectionView.parse(r.json)).toMatchObject({
        status: 'reauthorization_required',
        reauthorization_required: true,
      });
      const status = await call(s.t.url, 'GET', '/v1/connection', { token: c.accessToken });
      expect(ConnectionView.parse(status.json).status).toBe('reauthorization_required');
      const again = expectProblem(await verify(c.connectionId), 'REAUTHORIZATION_REQUIRED', 403);
      expect(again.hint).toContain(c.connectionId);
      got = await received(seen);
      expect(got.map((e) => e.type)).toEqual(['connection.reauthorization_required']);
      expect(got[0]).toMatchObject({
        data: {
          reason: { code: 'INVALID_CREDENTIALS' },
          reconnect: { reconnect_connection_id: c.connectionId },
        },
      });
      seen = s.receiver.requests.length;

      // The end user reconnects: same id, a new token, and the old one stops.
      const session = await newSession(s.t, { reconnect_connection_id: c.connectionId });
      const { events } = await runAttempt(s.t, session.token, {
        system_id: 'fake-cmms',
        auth_method: 'api_key',
        values: { instance_url: 'https://cmms.example.com', api_key: 'good' },
      });
      const last = events[events.length - 1]?.data as { type: string; public_token: string };
      expect(last.type).toBe('succeeded');
      const ex = await call(s.t.url, 'POST', '/v1/connect/exchange', {
        token: s.t.testKey,
        body: { public_token: last.public_token },
      });
      expect(ex.status).toBe(200);
      const fresh = ex.json as { connection_id: string; access_token: string };
      expect(fresh.connection_id).toBe(c.connectionId);
      expect((await received(seen)).map((e) => e.type)).toEqual(['connection.reauthorized']);
      seen = s.receiver.requests.length;

      const rotated = await call(s.t.url, 'POST', `/v1/connections/${c.connectionId}/token/rotate`, {
        token: s.t.testKey,
        body: { grace_period_seconds: 60 },
      });
      expect(rotated.status).toBe(200);
      got = await received(seen);
      expect(got.map((e) => e.type)).toEqual(['connection.token_rotated']);
      expect(got[0]).toMatchObject({
        data: {
          previous_token_expires_at: (rotated.json as { previous_token_expires_at: string })
            .previous_token_expires_at,
        },
      });
      seen = s.receiver.requests.length;

      const revoked = await call(s.t.url, 'DELETE', `/v1/connections/${c.connectionId}`, {
        token: s.t.testKey,
      });
      expect(revoked.status).toBe(200);
      expect((await received(seen)).map((e) => e.type)).toEqual(['connection.revoked']);
      expectProblem(await verify(c.connectionId), 'CONFLICT', 409);

      // Every delivery is visible, with its attempt.
      const list = await call(s.t.url, 'GET', '/v1/webhook-deliveries?limit=100', { token: s.t.testKey });
      const deliveries = (list.json as { data: { status: string; attempts: unknown[] }[] }).data;
      expect(deliveries).toHaveLength(7);
      expect(deliveries.every((d) => d.status === 'succeeded' && d.attempts.length === 1)).toBe(true);
    });

    it('a reconnect resets the breaker: failures of the old credentials do not count against the new ones', async () => {
      const c = await connect(s.t);
      const health = async () =>
        (
          await s.t.db.query<{ breaker: string; consecutive_failures: number }>(
            'SELECT breaker, consecutive_failures FROM connection_health WHERE connection_id = $1',
            [c.connectionId],
          )
        ).rows[0];
      await s.setApiKey(c.connectionId, 'unreachable');
      await verify(c.connectionId);
      expect(ConnectionView.parse((await verify(c.connectionId)).json).status).toBe('degraded');
      expect(await health()).toMatchObject({ breaker: 'open', consecutive_failures: 2 });

      const session = await newSession(s.t, { reconnect_connection_id: c.connectionId });
      const { events } = await runAttempt(s.t, session.token, {
        system_id: 'fake-cmms',
        auth_method: 'api_key',
        values: { instance_url: 'https://cmms.example.com', api_key: 'good' },
      });
      const last = events[events.length - 1]?.data as { type: string; public_token: string };
      expect(last.type).toBe('succeeded');
      expect(await health()).toBeUndefined();
      const ex = await call(s.t.url, 'POST', '/v1/connect/exchange', {
        token: s.t.testKey,
        body: { public_token: last.public_token },
      });
      expect(ex.status).toBe(200);
      const fresh = ex.json as { access_token: string };
      const status = await call(s.t.url, 'GET', '/v1/connection', { token: fresh.access_token });
      expect(ConnectionView.parse(status.json).status).toBe('active');

      // Closed again: a check runs at once (no half-open probe wait), and one failure is a blip, not an outage.
      await s.setApiKey(c.connectionId, 'unreachable');
      const r = await verify(c.connectionId);
      expect(r.status).toBe(200);
      expect(ConnectionView.parse(r.json).status).toBe('active');
      expect(await health()).toMatchObject({ breaker: 'closed', consecutive_failures: 1 });
    });

    it('system.requested, and revocation from degraded and from reauthorization_required, arrive signed', async () => {
      await s.deliver(); // what earlier tests left queued
      let seen = s.receiver.requests.length;
      const session = await newSession(s.t);
      const asked = await call(s.t.url, 'POST', '/v1/connect/system-requests', {
        token: session.token,
        body: { name: 'Acme Plant Historian', note: 'We run it on site' },
      });
      expect(asked.status).toBe(201);
      let got = await received(seen);
      expect(got.map((e) => e.type)).toEqual(['system.requested']);
      expect(got[0]).toMatchObject({
        environment: 'test',
        data: { system_request: { id: (asked.json as { id: string }).id, name: 'Acme Plant Historian' } },
      });

      for (const [apiKey, checks, before] of [
        ['unreachable', 2, 'connection.degraded'],
        ['bad', 1, 'connection.reauthorization_required'],
      ] as const) {
        seen = s.receiver.requests.length;
        const c = await connect(s.t);
        await s.setApiKey(c.connectionId, apiKey);
        for (let i = 0; i < checks; i++) await verify(c.connectionId);
        const revoked = await call(s.t.url, 'DELETE', `/v1/connections/${c.connectionId}`, {
          token: s.t.testKey,
        });
        expect(ConnectionView.parse(revoked.json).status).toBe('revoked');
        got = await received(seen);
        expect(got.map((e) => e.type)).toEqual(['connection.created', before, 'connection.revoked']);
        expect(got[2]).toMatchObject({ data: { connection: { id: c.connectionId, status: 'revoked' } } });
        expectProblem(
          await call(s.t.url, 'GET', '/v1/connection', { token: c.accessToken }),
          'TOKEN_REVOKED',
          401,
        );
      }
    });

    it('the scheduled monitor moves connections like the on-demand check', async () => {
      const c = await connect(s.t);
      await s.setApiKey(c.connectionId, 'locked');
      s.t.clock.advance(6.7 * 3600_000);
      expect(await s.lifecycle.monitor().runOnce()).toBeGreaterThanOrEqual(1);
      const r = await call(s.t.url, 'GET', `/v1/connections/${c.connectionId}`, { token: s.t.testKey });
      expect(ConnectionView.parse(r.json)).toMatchObject({
        status: 'reauthorization_required',
        last_verification: { error_code: 'ACCOUNT_LOCKED' },
        next_check_at: null,
      });
    });

    it('refuses bad input on the verify route', async () => {
      const c = await connect(s.t);
      expectProblem(
        await call(s.t.url, 'POST', `/v1/connections/${c.connectionId}/verify`, {
          token: s.t.testKey,
          body: { force: true },
        }),
        'INVALID_REQUEST',
        400,
      );
      const missing = await verify('conn_does_not_exist');
      expect(missing.status).toBe(404);
      expectProblem(missing, 'NOT_FOUND');
      expectProblem(
        await call(s.t.url, 'POST', `/v1/connections/${c.connectionId}/verify`, { token: c.accessToken }),
        'WRONG_TOKEN_KIND',
        401,
      );
      expectProblem(
        await call(s.t.url, 'POST', `/v1/connections/${c.connectionId}/verify`, { token: s.t.liveKey }),
        'NOT_FOUND',
        404,
      );
    });
  },
);
