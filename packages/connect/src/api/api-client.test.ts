import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient } from './api-client';
import { FlangeApiError } from './api-error';
import { SESSION_TOKEN, session } from '../test/fixtures';
import { problem, sendJson, startTestServer } from '../test/test-server';
import type { TestServer } from '../test/test-server';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('createApiClient', () => {
  it('sends the session token in the Authorization header only and parses the session', async () => {
    server = await startTestServer((req, res) => sendJson(res, 200, { ...session, extra_field: 1 }));
    const client = createApiClient({ baseUrl: `${server.baseUrl}/`, sessionToken: SESSION_TOKEN });
    const info = await client.getSession();
    expect(info.host.name).toBe('Acme Reliability');
    const [req] = server.requests;
    expect(req?.url).toBe('/v1/connect/session');
    expect(req?.headers.authorization).toBe(`Bearer ${SESSION_TOKEN}`);
    expect(req?.url).not.toContain('fls_');
  });

  it('builds catalog queries and posts JSON bodies', async () => {
    server = await startTestServer((req, res) => {
      if (req.url?.startsWith('/v1/connect/catalog')) return sendJson(res, 200, { data: [], total: 0 });
      sendJson(res, 201, { attempt_id: 'att_1', events_url: '/v1/connect/attempts/att_1/events' });
    });
    const client = createApiClient({ baseUrl: server.baseUrl, sessionToken: SESSION_TOKEN });
    await client.getCatalog({ q: 'ibm maximo', category: 'eam_cmms' });
    const created = await client.createAttempt({
      system_id: 'ibm_maximo',
      auth_method: 'api_key',
      values: { a: 'b' },
    });
    expect(created.attempt_id).toBe('att_1');
    expect(server.requests[0]?.url).toBe('/v1/connect/catalog?q=ibm+maximo&category=eam_cmms');
    expect(server.requests[1]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(server.requests[1]?.body ?? '')).toEqual({
      system_id: 'ibm_maximo',
      auth_method: 'api_key',
      values: { a: 'b' },
    });
  });

  it('turns a problem document into a FlangeApiError carrying its code, param and display message', async () => {
    server = await startTestServer((req, res) =>
      sendJson(
        res,
        422,
        problem('URL_NOT_ALLOWED', 422, {
          param: 'values.instance_url',
          display_message: 'Private address.',
        }),
        'application/problem+json',
      ),
    );
    const client = createApiClient({ baseUrl: server.baseUrl, sessionToken: SESSION_TOKEN });
    const error = await client.probe({ system_id: 'x', url: 'http://10.0.0.1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlangeApiError);
    const e = error as FlangeApiError;
    expect([e.status, e.code, e.param, e.displayMessage, e.isClientError]).toEqual([
      422,
      'URL_NOT_ALLOWED',
      'values.instance_url',
      'Private address.',
      true,
    ]);
  });

  it('maps a non-problem error body to a code by status', async () => {
    server = await startTestServer((req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<html>bad gateway</html>');
    });
    const client = createApiClient({ baseUrl: server.baseUrl, sessionToken: SESSION_TOKEN });
    const e = (await client.getSession().catch((x: unknown) => x)) as FlangeApiError;
    expect([e.status, e.code, e.problem, e.isClientError]).toEqual([502, 'INTERNAL_ERROR', null, false]);
  });

  it('rejects a 2xx body that does not match the schema', async () => {
    server = await startTestServer((req, res) => sendJson(res, 200, { id: 42 }));
    const client = createApiClient({ baseUrl: server.baseUrl, sessionToken: SESSION_TOKEN });
    await expect(client.getSession()).rejects.toThrow(/Unexpected response/);
  });

  it('reports an unreachable server as status 0', async () => {
    server = await startTestServer((req, res) => sendJson(res, 200, {}));
    const baseUrl = server.baseUrl;
    await server.close();
    server = null;
    const client = createApiClient({ baseUrl, sessionToken: SESSION_TOKEN });
    const e = (await client.getSession().catch((x: unknown) => x)) as FlangeApiError;
    expect(e).toBeInstanceOf(FlangeApiError);
    expect([e.status, e.code]).toEqual([0, 'SERVICE_UNAVAILABLE']);
  });
});
