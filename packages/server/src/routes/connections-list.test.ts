import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionList } from '@flange/protocol';
import { call, connect, expectProblem, startTestServer } from '../testing/harness';
import type { TestServer } from '../testing/harness';

let t: TestServer;
const ids: string[] = [];
beforeAll(async () => {
  t = await startTestServer();
  for (let i = 0; i < 5; i++) {
    t.clock.advance(1000);
    const c = await connect(t, { session: { end_user: { id: i % 2 === 0 ? 'even' : 'odd' } } });
    ids.push(c.connectionId);
  }
  await call(t.url, 'DELETE', `/v1/connections/${ids[0]}`, { token: t.testKey });
});
afterAll(() => t.close());

describe('GET /v1/connections', () => {
  it('pages newest first with a cursor, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : '?limit=2';
      const r = await call(t.url, 'GET', `/v1/connections${q}`, { token: t.testKey });
      expect({ status: r.status, body: r.text }).toMatchObject({ status: 200 });
      const page = ConnectionList.parse(r.json);
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((c) => c.id));
      cursor = page.next_cursor;
      pages++;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it('filters by end user and status', async () => {
    const even = ConnectionList.parse(
      (await call(t.url, 'GET', '/v1/connections?end_user_id=even', { token: t.testKey })).json,
    );
    expect(even.data.map((c) => c.id)).toEqual([ids[4], ids[2], ids[0]]);
    const revoked = ConnectionList.parse(
      (await call(t.url, 'GET', '/v1/connections?status=revoked', { token: t.testKey })).json,
    );
    expect(revoked.data.map((c) => c.id)).toEqual([ids[0]]);
    const active = ConnectionList.parse(
      (await call(t.url, 'GET', '/v1/connections?status=active&end_user_id=odd', { token: t.testKey })).json,
    );
    expect(active.data.map((c) => c.id)).toEqual([ids[3], ids[1]]);
  });

  it('keeps environments apart', async () => {
    const live = ConnectionList.parse(
      (await call(t.url, 'GET', '/v1/connections', { token: t.liveKey })).json,
    );
    expect(live).toEqual({ data: [], next_cursor: null });
  });

  it('refuses bad queries', async () => {
    for (const q of [
      'limit=0',
      'limit=101',
      'limit=ten',
      'status=pending',
      'cursor=%%%',
      'cursor=bm90LWpzb24',
      'sort=asc',
      'limit=1&limit=2',
    ]) {
      const p = expectProblem(
        await call(t.url, 'GET', `/v1/connections?${q}`, { token: t.testKey }),
        'INVALID_REQUEST',
        400,
      );
      expect(p.param).toMatch(/^(limit|status|cursor|sort)$/);
    }
    expectProblem(await call(t.url, 'GET', '/v1/connections'), 'UNAUTHORIZED', 401);
  });
});
