import net from 'node:net';
import tls from 'node:tls';
import type { CertificateInfo } from '@flange/protocol';
import type { AddressPolicy } from './address-policy';
import { UNTRUSTED_CODES, toCertificateInfo } from './certificate';
import { NetError } from './net-error';
import { resolveChecked } from './resolve';
import type { Lookup, ResolvedAddress } from './resolve';

/** Everything needed to open one checked connection. */
export interface ConnectOptions {
  hostname: string;
  port: number;
  secure: boolean;
  policy: AddressPolicy;
  lookup: Lookup;
  connectTimeoutMs: number;
  signal?: AbortSignal | undefined;
  /** Extra trust anchors (a company CA configured by the operator), added to Node's roots. */
  ca?: readonly string[] | undefined;
  /** SHA-256 (AA:BB:…) of the one certificate the user chose to trust for this connection. */
  pinSha256?: string | undefined;
  /**
   * `enforce` (default): an untrusted certificate fails the connection before a byte of HTTP is sent.
   * `inspect`: hand back the verdict and the certificate; used by the tls step and by probe, which then
   * close the socket without sending anything.
   */
  mode?: 'enforce' | 'inspect';
  /** Called once per connection with the address actually connected to (tests assert pinning with it). */
  onConnected?: ((info: { hostname: string; address: string; port: number }) => void) | undefined;
}

export interface TlsVerdict {
  trusted: boolean;
  /** Trusted only because the certificate equals the user's pin. */
  pinned: boolean;
  /** The OpenSSL/Node verification code when not trusted by the chain. */
  reason?: string;
  certificate?: CertificateInfo;
  protocol?: string;
}

export interface CheckedSocket {
  socket: net.Socket;
  address: ResolvedAddress;
  addresses: ResolvedAddress[];
  tls?: TlsVerdict;
}

/**
 * Resolve (one lookup), check every address, connect to a checked address by IP (so no second lookup can
 * rebind it), verify the peer is that address, then do TLS with SNI and host-name verification against the
 * name the user typed. All under one connect timeout.
 */
export async function connectChecked(opts: ConnectOptions): Promise<CheckedSocket> {
  const deadline = Date.now() + opts.connectTimeoutMs;
  const addresses = await resolveChecked(opts.hostname, {
    policy: opts.policy,
    lookup: opts.lookup,
    timeoutMs: opts.connectTimeoutMs,
    signal: opts.signal,
  });
  // IPv4 first: many servers have AAAA records that the network in between cannot route.
  const ordered = [...addresses].sort((a, b) => a.family - b.family);
  let lastError: NetError = new NetError('unreachable');
  for (const address of ordered) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) break;
    let socket: net.Socket;
    try {
      socket = await openTcp(address, opts.port, remaining, opts.signal);
    } catch (e) {
      if (e instanceof NetError && e.kind === 'aborted') throw e;
      lastError = e instanceof NetError ? e : new NetError('unreachable');
      continue;
    }
    opts.onConnected?.({ hostname: opts.hostname, address: address.address, port: opts.port });
    if (!opts.secure) return { socket, address, addresses };
    const { socket: secured, verdict } = await upgradeTls(socket, opts, Math.max(1, deadline - Date.now()));
    return { socket: secured, address, addresses, tls: verdict };
  }
  throw lastError;
}

/** A TCP connection to one already-checked address (an IP, so no lookup). */
export function openTcp(
  address: ResolvedAddress,
  port: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new NetError('aborted'));
    // host is an IP literal, so net.connect does no lookup of its own.
    const socket = net.connect({ host: address.address, port, family: address.family, noDelay: true });
    const done = (err: NetError | null) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners('connect');
      socket.removeAllListeners('error');
      if (err) {
        socket.destroy();
        reject(err);
      } else {
        // Keep a listener so an error before the HTTP client attaches its own cannot crash the process.
        socket.on('error', noop);
        resolve(socket);
      }
    };
    const onAbort = () => done(new NetError('aborted'));
    const timer = setTimeout(
      () => done(new NetError('unreachable', { reason: 'CONNECT_TIMEOUT' })),
      timeoutMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () =>
      // The peer must be the address that was checked (belt and braces: host is already that IP).
      done(
        normalizeIp(socket.remoteAddress ?? '') === normalizeIp(address.address)
          ? null
          : new NetError('address_blocked', { reason: 'REMOTE_MISMATCH' }),
      ),
    );
    socket.once('error', (e: NodeJS.ErrnoException) =>
      done(new NetError('unreachable', { reason: e.code ?? 'ERROR' })),
    );
  });
}

/** TLS options that matter for the handshake. */
export type TlsOptions = Pick<ConnectOptions, 'hostname' | 'ca' | 'pinSha256' | 'mode' | 'signal'>;

/** Upgrade a connected socket to TLS; in `enforce` mode an untrusted peer fails before anything is sent. */
export function upgradeTls(
  raw: net.Socket,
  opts: TlsOptions,
  timeoutMs: number,
): Promise<{ socket: tls.TLSSocket; verdict: TlsVerdict }> {
  const inspect = opts.mode === 'inspect';
  const pin = opts.pinSha256;
  // Node verifies chain and host name itself unless we must look at an untrusted certificate first
  // (inspect, or a user pin); then the check below is the gate, and it runs before any byte is written.
  const rejectUnauthorized = !inspect && pin === undefined;
  const servername = net.isIP(opts.hostname) === 0 ? opts.hostname : undefined;
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      socket: raw,
      host: opts.hostname,
      ...(servername !== undefined ? { servername } : {}),
      rejectUnauthorized,
      ...(opts.ca !== undefined && opts.ca.length > 0 ? { ca: [...tls.rootCertificates, ...opts.ca] } : {}),
      ALPNProtocols: ['http/1.1'],
      minVersion: 'TLSv1.2',
    });
    const done = (err: NetError | null, verdict?: TlsVerdict) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners('secureConnect');
      socket.removeAllListeners('error');
      if (err) {
        socket.destroy();
        raw.destroy();
        reject(err);
      } else {
        socket.on('error', noop);
        resolve({ socket, verdict: verdict! });
      }
    };
    const onAbort = () => done(new NetError('aborted'));
    const timer = setTimeout(() => done(new NetError('unreachable', { reason: 'TLS_TIMEOUT' })), timeoutMs);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('secureConnect', () => {
      const peer = socket.getPeerCertificate(true);
      const certificate =
        peer !== null && typeof peer.fingerprint256 === 'string' ? toCertificateInfo(peer) : undefined;
      const reason = socket.authorizationError === null ? undefined : String(socket.authorizationError);
      const pinned =
        !socket.authorized && pin !== undefined && certificate !== undefined && certificate.sha256 === pin;
      const verdict: TlsVerdict = {
        trusted: socket.authorized || pinned,
        pinned,
        ...(reason !== undefined && !socket.authorized ? { reason } : {}),
        ...(certificate !== undefined ? { certificate } : {}),
        protocol: socket.getProtocol() ?? 'unknown',
      };
      if (!inspect && !verdict.trusted) {
        done(
          new NetError('tls_untrusted', {
            ...(certificate ? { certificate } : {}),
            reason: reason ?? 'UNTRUSTED',
          }),
        );
        return;
      }
      done(null, verdict);
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      const code = e.code ?? 'ERROR';
      done(new NetError(UNTRUSTED_CODES.has(code) ? 'tls_untrusted' : 'tls_failed', { reason: code }));
    });
  });
}

/** Compare addresses across notations (::ffff:127.0.0.1 vs 127.0.0.1). */
function normalizeIp(ip: string): string {
  const lower = ip.toLowerCase();
  return lower.startsWith('::ffff:') && net.isIPv4(lower.slice(7)) ? lower.slice(7) : lower;
}

function noop(): void {}
