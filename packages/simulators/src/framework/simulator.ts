import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { generateCertificate } from './certificates';
import type { CertificateOptions, SimulatorCertificate } from './certificates';

/**
 * `normal` answers; `slow` waits `slowMs` before answering (longer than a client's timeout by default);
 * `down` accepts the TCP connection and resets it at once, as a crashed server behind a port would.
 */
export type SimulatorMode = 'normal' | 'slow' | 'down';

/** One request as the simulator saw it (headers included: tests assert on what a client sent). */
export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  headers: http.IncomingHttpHeaders;
  remoteAddress: string;
  at: number;
}

export interface StartSimulatorOptions {
  name: string;
  /** The product's behaviour: any Node request listener (an Express app is one). */
  handler: http.RequestListener;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (an ephemeral port); the demo passes a fixed one. */
  port?: number;
  /** Serve https with a certificate generated at start (self-signed or from a private CA), or a given one. */
  tls?: false | 'self-signed' | 'private-ca' | SimulatorCertificate | CertificateOptions;
  /** Delay in `slow` mode. Default 20 s (beyond the 15 s total timeout). */
  slowMs?: number;
}

export interface Simulator {
  name: string;
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  host: string;
  port: number;
  /** Present when serving https. */
  certificate: SimulatorCertificate | undefined;
  /** Every request received, oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** TCP connections accepted (counted even in `down` mode, when no request is read). */
  readonly connections: number;
  /** Requests received, optionally only those matching. */
  hits(filter?: (r: RecordedRequest) => boolean): number;
  readonly mode: SimulatorMode;
  setMode(mode: SimulatorMode, opts?: { slowMs?: number }): void;
  /** Forget the request log and connection count. */
  clearLog(): void;
  close(): Promise<void>;
}

/** Start a simulator on loopback (port 0 unless told otherwise) and resolve once it listens. */
export async function startSimulator(opts: StartSimulatorOptions): Promise<Simulator> {
  const host = opts.host ?? '127.0.0.1';
  const requests: RecordedRequest[] = [];
  let connections = 0;
  let mode: SimulatorMode = 'normal';
  let slowMs = opts.slowMs ?? 20_000;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  let certificate: SimulatorCertificate | undefined;
  if (opts.tls !== undefined && opts.tls !== false) {
    if (opts.tls === 'self-signed') certificate = await generateCertificate();
    else if (opts.tls === 'private-ca') certificate = await generateCertificate({ issuer: 'private-ca' });
    else if ('cert' in opts.tls) certificate = opts.tls;
    else certificate = await generateCertificate(opts.tls);
  }

  const listener: http.RequestListener = (req, res) => {
    const u = new URL(req.url ?? '/', 'http://simulator');
    requests.push({
      method: req.method ?? 'GET',
      path: u.pathname,
      query: u.search,
      headers: req.headers,
      remoteAddress: req.socket.remoteAddress ?? '',
      at: Date.now(),
    });
    if (mode === 'slow') {
      const t = setTimeout(() => {
        timers.delete(t);
        if (!res.destroyed) opts.handler(req, res);
      }, slowMs);
      timers.add(t);
      return;
    }
    opts.handler(req, res);
  };

  const server = certificate
    ? https.createServer({ key: certificate.key, cert: certificate.cert }, listener)
    : http.createServer(listener);
  // TLS servers see the raw TCP connection first; count and reset there so `down` never completes a handshake.
  server.on('connection', (socket: Socket) => {
    connections++;
    if (mode === 'down') {
      socket.resetAndDestroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    name: opts.name,
    url: `${certificate ? 'https' : 'http'}://${urlHost}:${port}`,
    host,
    port,
    certificate,
    get requests() {
      return requests;
    },
    get connections() {
      return connections;
    },
    hits: (filter) => (filter ? requests.filter(filter).length : requests.length),
    get mode() {
      return mode;
    },
    setMode(next, o) {
      mode = next;
      if (o?.slowMs !== undefined) slowMs = o.slowMs;
    },
    clearLog() {
      requests.length = 0;
      connections = 0;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
