import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PositionResponse } from '@flange/protocol';
import { call, expectProblem, newSession, startTestServer } from '../testing/harness';
import type { TestServer } from '../testing/harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const PATH = '/v1/connect/position';

describe('GET /v1/connect/position', () => {
  it('returns the session’s own saved position, null before any', async () => {
    const a = await newSession(t);
    const b = await newSession(t);
    const get = async (token: string) =>
      PositionResponse.parse((await call(t.url, 'GET', PATH, { token })).json).position;
    expect(await get(a.token)).toBeNull();
    const position = {
      system_id: 'fake-cmms',
      auth_method: 'api_key',
      values: { instance_url: 'https://cmms.example.com' },
    };
    expect((await call(t.url, 'POST', PATH, { token: a.token, body: { position } })).status).toBe(204);
    expect(await get(a.token)).toEqual(position);
    expect(await get(b.token)).toBeNull();
  });

  it('refuses missing and wrong-kind tokens and other methods', async () => {
    expectProblem(await call(t.url, 'GET', PATH), 'UNAUTHORIZED', 401);
    expectProblem(await call(t.url, 'GET', PATH, { token: t.testKey }), 'WRONG_TOKEN_KIND', 401);
    const s = await newSession(t);
    expectProblem(await call(t.url, 'DELETE', PATH, { token: s.token }), 'METHOD_NOT_ALLOWED', 405);
  });
});
