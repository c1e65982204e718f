import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionView } from '@flange/protocol';
import type { WebhookEventInput } from '@flange/protocol';
import { call, connect, expectProblem, newSession, runAttempt, startTestServer } from '../testing/harness';
import type { TestServer } from '../testing/harness';

let t: TestServer;
const events: { environmentId: string; event: WebhookEventInput; inTransaction: boolean }[] = [];

beforeAll(async () => {
  t = await startTestServer({
    outbox: {
      async enqueue(tx, environmentId, event) {
        // Written through the transaction handle: the event commits or rolls back with the change.
        const { rows } = await tx.query<{ status: string }>('SELECT status FROM connections WHERE id = $1', [
          'connection' in event.data ? event.data.connection.id : '',
        ]);
        events.push({
          environmentId,
          event,
          inTransaction: rows[0]?.status === ('connection' in event.data ? event.data.connection.status : ''),
        });
      },
    },
  });
});
afterAll(() => t.close());

describe('DELETE /v1/connections/:id', () => {
  it('revokes: status revoked, credentials wiped, every token and pending public token dead, one event', async () => {
    const c = await connect(t);
    // A second, unexchanged success for another session would still hold a public token: revoke it too.
    const r = await call(t.url, 'DELETE', `/v1/connections/${c.connectionId}`, { token: t.testKey });
    expect({ status: r.status, body: r.text }).toMatchObject({ status: 200 });
    const v = ConnectionView.parse(r.json);
    expect(v.status).toBe('revoked');
    const { rows } = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM credentials WHERE connection_id = $1',
      [c.connectionId],
    );
    expect(rows[0]?.n).toBe(0);
    const { rows: tokens } = await t.db.query<{ revoked_at: Date | null }>(
      'SELECT revoked_at FROM connection_tokens WHERE connection_id = $1',
      [c.connectionId],
    );
    expect(tokens.every((x) => x.revoked_at !== null)).toBe(true);
    expectProblem(await call(t.url, 'GET', '/v1/connection', { token: c.accessToken }), 'TOKEN_REVOKED', 401);
    const revoked = events.filter((e) => e.event.type === 'connection.revoked');
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toMatchObject({ environmentId: t.testEnvironmentId, inTransaction: true });

    // Idempotent: a second DELETE answers the revoked connection and emits nothing new.
    const again = await call(t.url, 'DELETE', `/v1/connections/${c.connectionId}`, { token: t.testKey });
    expect(again.status).toBe(200);
    expect((again.json as { status: string }).status).toBe('revoked');
    expect(events.filter((e) => e.event.type === 'connection.revoked')).toHaveLength(1);
  });

  it('kills an unexchanged public token', async () => {
    const s = await newSession(t);
    const { events: ev } = await runAttempt(t, s.token, {
      system_id: 'fake-cmms',
      auth_method: 'api_key',
      values: { instance_url: 'https://cmms.example.com', api_key: 'good' },
    });
    const last = ev.at(-1)?.data as { public_token: string; connection: { id: string } };
    expect(
      (await call(t.url, 'DELETE', `/v1/connections/${last.connection.id}`, { token: t.testKey })).status,
    ).toBe(200);
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/exchange', {
        token: t.testKey,
        body: { public_token: last.public_token },
      }),
      'PUBLIC_TOKEN_INVALID',
    );
  });

  it('is 404 for unknown ids and other environments, and needs the secret key', async () => {
    const c = await connect(t);
    expectProblem(
      await call(t.url, 'DELETE', '/v1/connections/conn_nope', { token: t.testKey }),
      'NOT_FOUND',
      404,
    );
    expectProblem(
      await call(t.url, 'DELETE', `/v1/connections/${c.connectionId}`, { token: t.liveKey }),
      'NOT_FOUND',
      404,
    );
    expectProblem(
      await call(t.url, 'DELETE', `/v1/connections/${c.connectionId}`, { token: c.accessToken }),
      'WRONG_TOKEN_KIND',
      401,
    );
    expect((await call(t.url, 'GET', '/v1/connection', { token: c.accessToken })).status).toBe(200);
  });

  it('emits connection.created in the store transaction', async () => {
    const created = events.filter((e) => e.event.type === 'connection.created');
    expect(created.length).toBeGreaterThan(0);
    expect(created.every((e) => e.inTransaction)).toBe(true);
  });
});
