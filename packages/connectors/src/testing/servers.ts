import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NetworkPolicy } from '../api';

/** A loopback listener that records every connection and request; tests assert it saw none. */
export interface RecordingServer {
  url: string;
  port: number;
  readonly connections: number;
  readonly requests: { method: string; url: string; headers: http.IncomingHttpHeaders }[];
  close(): Promise<void>;
}

/** Start a recording HTTP server on `host` (default 127.0.0.1) and port 0, answering with `handler` or 200 "ok". */
export async function startRecordingServer(
  opts: { host?: string; port?: number; handler?: http.RequestListener } = {},
): Promise<RecordingServer> {
  const host = opts.host ?? '127.0.0.1';
  let connections = 0;
  const requests: RecordingServer['requests'] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    if (opts.handler) opts.handler(req, res);
    else res.end('ok');
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    get connections() {
      return connections;
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A policy for tests: nothing private allowed unless listed, http on, short timeouts. */
export function loopbackPolicy(overrides: Partial<NetworkPolicy> = {}): NetworkPolicy {
  return {
    allowedNetworks: [],
    allowHttp: true,
    hostOverrides: {},
    connectTimeoutMs: 2_000,
    totalTimeoutMs: 4_000,
    maxBodyBytes: 1_000_000,
    ...overrides,
  };
}
