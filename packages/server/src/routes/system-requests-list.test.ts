import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemRequestList } from '@flange/protocol';
import { call, expectProblem, newSession, startTestServer } from '../testing/harness';
import type { TestServer } from '../testing/harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  const s = await newSession(t);
  for (const name of ['One', 'Two', 'Three']) {
    t.clock.advance(1000);
    const r = await call(t.url, 'POST', '/v1/connect/system-requests', { token: s.token, body: { name } });
    if (r.status !== 201) throw new Error(`seeding failed: ${r.text}`);
  }
});
afterAll(() => t.close());

describe('GET /v1/system-requests', () => {
  it('lists the environment’s requests newest first, by pages', async () => {
    const p1 = SystemRequestList.parse(
      (await call(t.url, 'GET', '/v1/system-requests?limit=2', { token: t.testKey })).json,
    );
    expect(p1.data.map((r) => r.name)).toEqual(['Three', 'Two']);
    expect(p1.next_cursor).not.toBeNull();
    const p2 = SystemRequestList.parse(
      (await call(t.url, 'GET', `/v1/system-requests?limit=2&cursor=${p1.next_cursor}`, { token: t.testKey }))
        .json,
    );
    expect(p2).toMatchObject({ next_cursor: null });
    expect(p2.data.map((r) => r.name)).toEqual(['One']);
  });

  it('keeps environments apart and refuses bad queries and wrong tokens', async () => {
    const live = SystemRequestList.parse(
      (await call(t.url, 'GET', '/v1/system-requests', { token: t.liveKey })).json,
    );
    expect(live.data).toEqual([]);
    expectProblem(
      await call(t.url, 'GET', '/v1/system-requests?limit=500', { token: t.testKey }),
      'INVALID_REQUEST',
    );
    expectProblem(
      await call(t.url, 'GET', '/v1/system-requests?status=x', { token: t.testKey }),
      'INVALID_REQUEST',
    );
    const s = await newSession(t);
    expectProblem(
      await call(t.url, 'GET', '/v1/system-requests', { token: s.token }),
      'WRONG_TOKEN_KIND',
      401,
    );
  });
});
