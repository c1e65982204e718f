import { Agent, request as undiciRequest } from 'undici';
import type { Dispatcher } from 'undici';
import type { NetworkPolicy } from '../api';
import type { AddressPolicy } from './address-policy';
import { connectChecked } from './socket';
import { NetError } from './net-error';
import type { Lookup } from './resolve';
import { resolveTarget, sameOrigin } from './target';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Follow up to this many redirects (capped at 3). 0, the default, returns the 3xx answer itself. */
  maxRedirects?: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers (set-cookie) as arrays. */
  headers: Record<string, string | string[]>;
  body: Buffer;
  /** The URL that answered (after redirects). */
  url: string;
  text(): string;
  /** Parsed JSON, or undefined when the body is not JSON. */
  json(): unknown;
  header(name: string): string | undefined;
}

export interface HttpClientOptions {
  policy: NetworkPolicy;
  addressPolicy: AddressPolicy;
  lookup: Lookup;
  ca?: readonly string[] | undefined;
  /** The certificate the user trusts for this connection (AA:BB:… SHA-256). */
  pinSha256?: string | undefined;
  onConnected?: ((info: { hostname: string; address: string; port: number }) => void) | undefined;
}

/** One client per validation: its connections are pinned and closed together. */
export interface HttpClient {
  request(req: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 3;
/** Headers that survive a redirect to another origin; everything else may carry a credential. */
const CROSS_ORIGIN_SAFE_HEADERS = new Set(['accept', 'accept-language', 'user-agent']);

/**
 * The guarded HTTP client every outbound call goes through: URL rules, checked and pinned addresses (the
 * undici connector resolves once per connection and connects to the checked IP), TLS with an optional
 * per-connection pin, redirects off unless asked and re-checked per hop, time and size bounds.
 */
export function createHttpClient(opts: HttpClientOptions): HttpClient {
  const { policy } = opts;
  const agent = new Agent({
    connect: (connectOpts, callback) => {
      const port = Number(connectOpts.port) || (connectOpts.protocol === 'https:' ? 443 : 80);
      connectChecked({
        hostname: connectOpts.hostname,
        port,
        secure: connectOpts.protocol === 'https:',
        policy: opts.addressPolicy,
        lookup: opts.lookup,
        connectTimeoutMs: policy.connectTimeoutMs,
        ca: opts.ca,
        pinSha256: opts.pinSha256,
        onConnected: opts.onConnected,
      }).then(
        (checked) => callback(null, checked.socket),
        (e: unknown) => callback(e instanceof Error ? e : new NetError('unreachable'), null),
      );
    },
    headersTimeout: policy.totalTimeoutMs,
    bodyTimeout: policy.totalTimeoutMs,
    keepAliveTimeout: 2_000,
    pipelining: 1,
    allowH2: false,
  });

  async function once(
    url: URL,
    req: HttpRequest,
    headers: Record<string, string>,
    method: HttpMethod,
    body: string | undefined,
    signal: AbortSignal,
  ) {
    let res: Dispatcher.ResponseData;
    try {
      res = await undiciRequest(url, {
        dispatcher: agent,
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
        signal,
      });
    } catch (e) {
      throw toNetError(e, signal, req.signal);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of res.body) {
        const buf = chunk as Buffer;
        size += buf.length;
        if (size > policy.maxBodyBytes) {
          res.body.destroy();
          throw new NetError('too_large', { sent: true });
        }
        chunks.push(buf);
      }
    } catch (e) {
      if (e instanceof NetError) throw e;
      throw toNetError(e, signal, req.signal, true);
    }
    return { status: res.statusCode, headers: normalizeHeaders(res.headers), body: Buffer.concat(chunks) };
  }

  return {
    async request(req) {
      const timeout = AbortSignal.timeout(policy.totalTimeoutMs);
      const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
      const rules = { allowHttp: policy.allowHttp, hostOverrides: policy.hostOverrides };
      let target = resolveTarget(req.url, rules);
      let method = req.method;
      let body = req.body;
      let headers = { ...lowerKeys(req.headers ?? {}) };
      const maxHops = Math.min(req.maxRedirects ?? 0, MAX_REDIRECTS);
      for (let hop = 0; ; hop++) {
        const res = await once(target.url, req, headers, method, body, signal);
        const location = res.headers['location'];
        if (!REDIRECT_STATUSES.has(res.status) || typeof location !== 'string' || maxHops === 0) {
          return makeResponse(res, target.url.href);
        }
        if (hop >= maxHops) throw new NetError('redirect_refused', { reason: 'TOO_MANY_HOPS', sent: true });
        let next: URL;
        try {
          next = new URL(location, target.url);
        } catch {
          throw new NetError('redirect_refused', { reason: 'BAD_LOCATION', sent: true });
        }
        let nextTarget;
        try {
          nextTarget = resolveTarget(next, rules);
        } catch (e) {
          throw new NetError('redirect_refused', {
            reason: e instanceof NetError ? e.kind : 'INVALID',
            sent: true,
          });
        }
        if (target.secure && !nextTarget.secure && !nextTarget.overridden) {
          throw new NetError('redirect_refused', { reason: 'DOWNGRADE', sent: true });
        }
        if (!sameOrigin(target.url, nextTarget.url)) {
          headers = Object.fromEntries(
            Object.entries(headers).filter(([k]) => CROSS_ORIGIN_SAFE_HEADERS.has(k)),
          );
        }
        if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
          delete headers['content-type'];
        }
        target = nextTarget;
      }
    },
    async close() {
      await agent.destroy().catch(() => undefined);
    },
  };
}

function makeResponse(
  res: { status: number; headers: Record<string, string | string[]>; body: Buffer },
  url: string,
): HttpResponse {
  let parsed: { done: boolean; value: unknown } = { done: false, value: undefined };
  return {
    ...res,
    url,
    text: () => res.body.toString('utf8'),
    json() {
      if (!parsed.done) {
        try {
          parsed = { done: true, value: JSON.parse(res.body.toString('utf8')) };
        } catch {
          parsed = { done: true, value: undefined };
        }
      }
      return parsed.value;
    },
    header(name) {
      const v = res.headers[name.toLowerCase()];
      return Array.isArray(v) ? v.join(', ') : v;
    },
  };
}

function normalizeHeaders(
  h: Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = v;
  return out;
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}

/** Map whatever undici threw to our kinds, without keeping its text. */
function toNetError(
  e: unknown,
  combined: AbortSignal,
  callerSignal: AbortSignal | undefined,
  sent = false,
): NetError {
  if (e instanceof NetError) return e;
  if (callerSignal?.aborted) return new NetError('aborted', { sent });
  const code = (e as { code?: unknown }).code;
  const name = (e as { name?: unknown }).name;
  if (
    combined.aborted ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    name === 'TimeoutError'
  ) {
    return new NetError('timeout', { sent: true });
  }
  // The connector's own errors arrive as NetError; anything else happened on an open connection.
  return new NetError('connection_lost', { reason: typeof code === 'string' ? code : 'ERROR', sent: true });
}
