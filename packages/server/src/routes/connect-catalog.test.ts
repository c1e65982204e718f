import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogResponse } from '@flange/protocol';
import { call, expectProblem, newSession, startTestServer } from '../testing/harness';
import type { TestServer } from '../testing/harness';

let t: TestServer;
let token: string;
beforeAll(async () => {
  t = await startTestServer();
  token = (await newSession(t)).token;
});
afterAll(() => t.close());

const ids = async (query: string, tok = token) => {
  const r = await call(t.url, 'GET', `/v1/connect/catalog${query}`, { token: tok });
  expect({ status: r.status, body: r.text }).toMatchObject({ status: 200 });
  const body = CatalogResponse.parse(r.json);
  expect(body.total).toBe(body.data.length);
  return body.data.map((s) => s.id);
};

describe('GET /v1/connect/catalog', () => {
  it('lists every system, most popular first, when nothing is typed', async () => {
    expect(await ids('')).toEqual(['fake-cmms', 'fake-erp', 'fake-requested']);
  });

  it('finds by name, alias, vendor and typo, and filters by category and deployment', async () => {
    expect((await ids('?q=cmms'))[0]).toBe('fake-cmms');
    expect(await ids('?q=maintenance')).toEqual(['fake-cmms']);
    expect(await ids('?q=wishlist')).toEqual(['fake-requested']);
    expect(await ids('?q=systeme')).toEqual(['fake-requested']);
    expect((await ids('?q=Other%20Vendor'))[0]).toBe('fake-erp');
    expect(await ids('?category=erp')).toEqual(['fake-erp', 'fake-requested']);
    expect(await ids('?q=fake&category=eam_cmms&deployment=on_prem')).toEqual(['fake-cmms']);
    expect(await ids('?q=zzzzqqq')).toEqual([]);
  });

  it('shows only the session’s systems when it names some', async () => {
    const s = await newSession(t, { systems: ['fake-erp'] });
    expect(await ids('', s.token)).toEqual(['fake-erp']);
    expect(await ids('?q=cmms', s.token)).toEqual([]);
  });

  it('refuses unknown parameters, categories and oversized queries', async () => {
    for (const q of [
      '?category=toys',
      '?sort=name',
      `?q=${'a'.repeat(201)}`,
      '?deployment=mars',
      '?q=a&q=b',
    ]) {
      const p = expectProblem(
        await call(t.url, 'GET', `/v1/connect/catalog${q}`, { token }),
        'INVALID_REQUEST',
        400,
      );
      expect(p.issues?.length).toBeGreaterThan(0);
    }
    expectProblem(
      await call(t.url, 'GET', '/v1/connect/catalog', { token: t.testKey }),
      'WRONG_TOKEN_KIND',
      401,
    );
  });
});
