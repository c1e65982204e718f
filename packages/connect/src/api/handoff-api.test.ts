import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient, redeemHandoff } from './api-client';
import { FlangeApiError } from './api-error';
import { SESSION_TOKEN } from '../test/fixtures';
import { problem, sendJson, startTestServer } from '../test/test-server';
import type { TestServer } from '../test/test-server';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const SECRET = `flh_${'h'.repeat(43)}`;

describe('hand-off calls', () => {
  it('creates and lists links with the session token in the header only', async () => {
    server = await startTestServer((req, res) => {
      if (req.method === 'POST')
        return sendJson(res, 201, {
          id: 'ho_1',
          url: `https://flange.test/connect#${SECRET}`,
          expires_at: '2030-01-01T00:00:00.000Z',
        });
      sendJson(res, 200, { data: [] });
    });
    const client = createApiClient({ baseUrl: server.baseUrl, sessionToken: SESSION_TOKEN });
    const created = await client.createHandoff({ resume: { system_id: 'ibm_maximo' } });
    expect(created.id).toBe('ho_1');
    expect((await client.listHandoffs()).data).toEqual([]);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /v1/connect/handoffs',
      'GET /v1/connect/handoffs',
    ]);
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({ resume: { system_id: 'ibm_maximo' } });
    for (const r of server.requests) expect(r.headers.authorization).toBe(`Bearer ${SESSION_TOKEN}`);
  });

  it('redeems a secret from the Authorization header, never the URL, and surfaces a refusal', async () => {
    let answer: 'ok' | 'used' = 'ok';
    server = await startTestServer((_req, res) =>
      answer === 'ok'
        ? sendJson(res, 200, {
            session_token: SESSION_TOKEN,
            expires_at: '2030-01-01T00:00:00.000Z',
            resume: null,
          })
        : sendJson(
            res,
            401,
            problem('TOKEN_REVOKED', 401, { display_message: 'This link was already opened.' }),
            'application/problem+json',
          ),
    );
    const redeemed = await redeemHandoff({ baseUrl: server.baseUrl, secret: SECRET });
    expect(redeemed.session_token).toBe(SESSION_TOKEN);
    const [req] = server.requests;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('/v1/connect/handoffs/redeem');
    expect(req?.headers.authorization).toBe(`Bearer ${SECRET}`);
    answer = 'used';
    const error = await redeemHandoff({ baseUrl: server.baseUrl, secret: SECRET }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlangeApiError);
    expect((error as FlangeApiError).code).toBe('TOKEN_REVOKED');
    expect((error as FlangeApiError).displayMessage).toBe('This link was already opened.');
  });
});
