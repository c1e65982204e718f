import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectProblem, startTestServer } from '../testing/harness';
import type { TestServer } from '../testing/harness';
import { createTestDb } from '../testing/test-db';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('GET /healthz and /readyz', () => {
  it('answer without a token', async () => {
    const h = await call(t.url, 'GET', '/healthz');
    expect(h.status).toBe(200);
    expect(h.json).toEqual({ status: 'ok' });
    const r = await call(t.url, 'GET', '/readyz');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ status: 'ready' });
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it('readyz is 503 when storage is gone, healthz still 200', async () => {
    const db = await createTestDb();
    const broken = await startTestServer({ db });
    try {
      await db.close();
      const r = await call(broken.url, 'GET', '/readyz');
      const p = expectProblem(r, 'SERVICE_UNAVAILABLE', 503);
      expect(p.retry_after).toBe(5);
      expect((await call(broken.url, 'GET', '/healthz')).status).toBe(200);
    } finally {
      await broken.server.close();
    }
  });
});
