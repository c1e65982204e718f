import { WebhookEndpointView, WebhookEndpointWithSecret } from '@flange/protocol';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { Db } from '../db/types';
import { createEndpointStore, MAX_ENDPOINTS_PER_ENVIRONMENT } from './endpoints';
import { ApiError } from '../http/problem';
import { createTestDb, manualClock, testSecretBox, truncateAll } from './test-support';

const TEST = { environmentId: 'env_test', environment: 'test' as const };
const LIVE = { environmentId: 'env_live', environment: 'live' as const };

describe('webhook endpoints', { timeout: 30_000 }, () => {
  let db: Db;
  const clock = manualClock(new Date('2026-03-01T10:00:00Z'));
  const refused: string[] = [];
  const store = () =>
    createEndpointStore({
      db,
      clock,
      secrets: testSecretBox(),
      checkUrl: async (url) =>
        new URL(url).hostname === '10.0.0.1' ? (refused.push(url), 'private address') : null,
    });

  beforeAll(async () => {
    db = await createTestDb();
  }, 60_000);
  beforeEach(() => truncateAll(db));
  afterAll(() => db.close());

  it('shows the secret once, at creation, and stores it sealed', async () => {
    const s = store();
    const created = await s.create(TEST, { url: 'https://hooks.example.com/flange', description: 'prod' });
    expect(WebhookEndpointWithSecret.parse(created)).toBeTruthy();
    expect(created).toMatchObject({
      environment: 'test',
      events: ['*'],
      status: 'enabled',
      description: 'prod',
    });
    const got = await s.get(TEST, created.id);
    expect(z.strictObject(WebhookEndpointView.shape).parse(got)).not.toHaveProperty('secret');
    const { rows } = await db.query<{ secret_sealed: string }>('SELECT secret_sealed FROM webhook_endpoints');
    expect(rows[0]!.secret_sealed).not.toContain(created.secret.slice(6));
  });

  it('normalises the event filter', async () => {
    const s = store();
    const a = await s.create(TEST, {
      url: 'https://a.example.com',
      events: ['connection.revoked', 'connection.revoked', 'connection.created'],
    });
    expect(a.events).toEqual(['connection.revoked', 'connection.created']);
    const b = await s.create(TEST, { url: 'https://b.example.com', events: ['connection.revoked', '*'] });
    expect(b.events).toEqual(['*']);
  });

  it('refuses URLs the SSRF guard refuses, writing nothing', async () => {
    const s = store();
    const err = await s.create(TEST, { url: 'https://10.0.0.1/hook' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'URL_NOT_ALLOWED', options: { param: 'url' } });
    expect(refused).toContain('https://10.0.0.1/hook');
    expect((await db.query('SELECT 1 FROM webhook_endpoints')).rows).toHaveLength(0);
  });

  it('keeps environments apart', async () => {
    const s = store();
    const live = await s.create(LIVE, { url: 'https://live.example.com' });
    await expect(s.get(TEST, live.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(s.remove(TEST, live.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(s.rollSecret(TEST, live.id, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await s.list(TEST, {})).data).toEqual([]);
  });

  it('paginates newest first with a cursor, and refuses a forged cursor', async () => {
    const s = store();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      clock.advance(1000);
      ids.push((await s.create(TEST, { url: `https://h${i}.example.com` })).id);
    }
    const first = await s.list(TEST, { limit: 2 });
    expect(first.data.map((e) => e.id)).toEqual([ids[4], ids[3]]);
    const second = await s.list(TEST, { limit: 2, cursor: first.next_cursor! });
    expect(second.data.map((e) => e.id)).toEqual([ids[2], ids[1]]);
    const third = await s.list(TEST, { limit: 2, cursor: second.next_cursor! });
    expect(third.data.map((e) => e.id)).toEqual([ids[0]]);
    expect(third.next_cursor).toBeNull();
    await expect(s.list(TEST, { cursor: 'not-a-cursor' })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      options: { param: 'cursor' },
    });
  });

  it('deletes an endpoint: gone from lists, pending deliveries cancelled', async () => {
    const s = store();
    const e = await s.create(TEST, { url: 'https://a.example.com' });
    await db.query(
      `INSERT INTO webhook_events VALUES ('evt_1', 'env_test', 'connection.created', '{}', now())`,
    );
    await db.query(
      `INSERT INTO webhook_deliveries (id, environment_id, endpoint_id, event_id, event_type, status, next_attempt_at, created_at)
       VALUES ('whd_1', 'env_test', $1, 'evt_1', 'connection.created', 'pending', now(), now())`,
      [e.id],
    );
    await s.remove(TEST, e.id);
    expect((await s.list(TEST, {})).data).toEqual([]);
    await expect(s.get(TEST, e.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const { rows } = await db.query<{ status: string }>('SELECT status FROM webhook_deliveries');
    expect(rows[0]!.status).toBe('cancelled');
  });

  it('rolls the secret with an overlap, or ends the old one at once', async () => {
    const s = store();
    const e = await s.create(TEST, { url: 'https://a.example.com' });
    const rolled = await s.rollSecret(TEST, e.id, {});
    expect(rolled.secret).not.toBe(e.secret);
    expect(rolled.previous_secret_expires_at).toBe(
      new Date(clock.now().getTime() + 86_400_000).toISOString(),
    );
    const now = await s.rollSecret(TEST, e.id, { expires_in_seconds: 0 });
    expect(now.previous_secret_expires_at).toBeNull();
    const { rows } = await db.query<{ previous_secret_sealed: string | null }>(
      'SELECT previous_secret_sealed FROM webhook_endpoints',
    );
    expect(rows[0]!.previous_secret_sealed).toBeNull();
  });

  it(`holds at most ${MAX_ENDPOINTS_PER_ENVIRONMENT} endpoints per environment`, async () => {
    const s = store();
    for (let i = 0; i < MAX_ENDPOINTS_PER_ENVIRONMENT; i++)
      await s.create(TEST, { url: `https://h${i}.example.com` });
    await expect(s.create(TEST, { url: 'https://one-more.example.com' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(s.create(LIVE, { url: 'https://live.example.com' })).resolves.toBeTruthy();
  });
});
