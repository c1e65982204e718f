/** A scripted stand-in for the Flange API on 127.0.0.1, port 0, for the SDK's tests. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConnectionView } from '@flange/protocol';

export interface Recorded {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  contentType: string | undefined;
  body: unknown;
}

export type Handler = (req: Recorded, res: ServerResponse) => void;

export interface TestServer {
  baseUrl: string;
  requests: Recorded[];
  /** Answer `METHOD /path` with this handler (later registrations win). */
  on(method: string, path: string, handler: Handler): void;
  close(): Promise<void>;
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'req_test', ...headers });
  res.end(JSON.stringify(body));
}

export function problem(
  res: ServerResponse,
  status: number,
  code: string,
  extra: Record<string, unknown> = {},
  headers = {},
) {
  res.writeHead(status, {
    'content-type': 'application/problem+json',
    'x-request-id': 'req_problem',
    ...headers,
  });
  res.end(
    JSON.stringify({
      type: 'about:blank',
      title: 'Problem',
      status,
      detail: `detail for ${code}`,
      code,
      request_id: 'req_problem',
      ...extra,
    }),
  );
}

export async function startTestServer(): Promise<TestServer> {
  const routes = new Map<string, Handler>();
  const requests: Recorded[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const raw = Buffer.concat(chunks).toString('utf8');
      const recorded: Recorded = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body: raw ? (JSON.parse(raw) as unknown) : undefined,
      };
      requests.push(recorded);
      const handler = routes.get(`${recorded.method} ${recorded.path}`);
      if (handler) handler(recorded, res);
      else problem(res, 404, 'NOT_FOUND');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    on: (method, path, handler) => routes.set(`${method} ${path}`, handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function connection(overrides: Partial<ConnectionView> = {}): ConnectionView {
  return {
    id: 'conn_1',
    object: 'connection',
    environment: 'test',
    status: 'active',
    reauthorization_required: false,
    system: { id: 'ibm-maximo', name: 'IBM Maximo' },
    auth_method: 'api_key',
    instance_url: 'https://maximo.example.com/maximo',
    end_user: { id: 'user-1', name: 'Ada', organization: 'Acme' },
    account: { user: 'MAXADMIN' },
    entities_verified: [{ id: 'asset', label: 'Assets' }],
    created_at: '2026-01-01T00:00:00.000Z',
    last_verified_at: '2026-01-01T00:00:00.000Z',
    next_check_at: '2026-01-01T06:00:00.000Z',
    last_verification: null,
    metadata: {},
    ...overrides,
  };
}
