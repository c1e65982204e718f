import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionView } from '@flange/protocol';
import { call, connect, expectProblem, startTestServer } from '../testing/harness';
import type { TestServer } from '../testing/harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('GET /v1/connections/:id', () => {
  it('returns the connection to its environment’s secret key', async () => {
    const c = await connect(t, {
      session: { end_user: { id: 'u-9', name: 'Kim', organization: 'Mill 2' }, metadata: { crm_id: '42' } },
    });
    const r = await call(t.url, 'GET', `/v1/connections/${c.connectionId}`, { token: t.testKey });
    expect({ status: r.status, body: r.text }).toMatchObject({ status: 200 });
    const v = ConnectionView.parse(r.json);
    expect(v).toMatchObject({
      id: c.connectionId,
      object: 'connection',
      end_user: { id: 'u-9', name: 'Kim', organization: 'Mill 2' },
      metadata: { crm_id: '42' },
      instance_url: 'https://cmms.example.com',
      account: { display_name: 'Max Admin' },
    });
  });

  it('is 404 for an unknown id and for another environment', async () => {
    const c = await connect(t);
    expectProblem(
      await call(t.url, 'GET', '/v1/connections/conn_doesnotexist', { token: t.testKey }),
      'NOT_FOUND',
      404,
    );
    expectProblem(
      await call(t.url, 'GET', `/v1/connections/${c.connectionId}`, { token: t.liveKey }),
      'NOT_FOUND',
      404,
    );
    expectProblem(
      await call(t.url, 'GET', '/v1/connections/%E0%A4%A', { token: t.testKey }),
      'INVALID_REQUEST',
      400,
    );
    expectProblem(
      await call(t.url, 'GET', `/v1/connections/${c.connectionId}`, { token: c.accessToken }),
      'WRONG_TOKEN_KIND',
      401,
    );
    const put = await call(t.url, 'PUT', `/v1/connections/${c.connectionId}`, { token: t.testKey });
    expectProblem(put, 'METHOD_NOT_ALLOWED', 405);
    expect(put.headers.get('allow')).toBe('GET, DELETE, HEAD');
  });
});
