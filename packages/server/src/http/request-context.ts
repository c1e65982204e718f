import type { Request, RequestHandler, Response } from 'express';
import { pooledRandomBase62 } from '../crypto/random';
import { maskTokensIn, writeKnownLine } from '../logger';
import type { Logger } from '../logger';
import type { AuthContext } from './auth';
import { hasNoBody, jsonBody } from './body';
import { ApiError } from './problem';

const INBOUND_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Sees every answer once it is sent: its route pattern is on `req.route`, `seconds` since it arrived. */
export type ResponseObserver = (req: Request, res: Response, seconds: number) => void;

export interface FrontDoorOptions {
  logger: Logger;
  /** Whether the public URL is https: answers then carry HSTS. */
  https: boolean;
  bodyLimitBytes: number;
  /** Called after the access line of every answer (metrics). */
  observers?: readonly ResponseObserver[];
}

/** What the front door keeps per request, as `res.locals`: the logger child is made on first use only. */
class RequestLocals {
  #log: Logger | undefined;
  auth?: AuthContext;
  [key: string]: unknown;
  constructor(
    readonly requestId: string,
    /** Whether the id came with the request (X-Request-Id) rather than from us. */
    readonly inbound: boolean,
    readonly started: number,
    readonly door: Door,
  ) {}

  /** A logger carrying the request id, for routes that log more than the access line (most do not). */
  get log(): Logger {
    return (this.#log ??= this.door.logger.child({ req_id: this.requestId }));
  }
}

interface Door {
  logger: Logger;
  observers: readonly ResponseObserver[];
}

const SECURITY_HEADERS: ReadonlyArray<[string, string]> = [
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
  ['Cache-Control', 'no-store'],
];
const HSTS: [string, string] = ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'];

/** One listener for every answer: no closure per request. `this` is the response. */
function onFinish(this: Response): void {
  const locals = this.locals as unknown as RequestLocals;
  const req = this.req;
  const ms = performance.now() - locals.started;
  const auth = locals.auth;
  // Every field is known: the free-text ones (an inbound id, the path) are masked here, the token already
  // is, so the line skips the logger's generic masking and redaction.
  writeKnownLine(
    locals.door.logger,
    // Our own ids are `req_` and base62: nothing to mask or escape. An inbound one is only known safe-charset.
    `,"req_id":${locals.inbound ? JSON.stringify(maskTokensIn(locals.requestId)) : `"${locals.requestId}"`}` +
      `,"method":${JSON.stringify(req.method)}` +
      // The path only: a query string may carry what must not be logged.
      `,"path":${JSON.stringify(maskTokensIn(req.path))},"status":${this.statusCode}` +
      `,"duration_ms":${Math.round(ms * 1000) / 1000}` +
      (auth ? `,"auth":"${auth.kind}","token":${JSON.stringify(auth.masked)}` : ''),
    'request',
  );
  for (const observe of locals.door.observers) observe(req, this, ms / 1000);
}

/**
 * Everything every request goes through before routing, as one middleware (each Express layer costs on
 * every request): the request id (ours, or a safe inbound X-Request-Id) and one access log line per request,
 * the security headers, the refusal of tokens in the query string, and JSON body parsing for requests that
 * carry a body.
 */
export function frontDoor(opts: FrontDoorOptions): RequestHandler {
  const door: Door = { logger: opts.logger, observers: opts.observers ?? [] };
  const headers = opts.https ? [...SECURITY_HEADERS, HSTS] : SECURITY_HEADERS;
  const body = jsonBody(opts.bodyLimitBytes);
  return (req, res, next) => {
    const inbound = req.headers['x-request-id'];
    const ours = !(typeof inbound === 'string' && INBOUND_ID.test(inbound));
    const requestId = ours ? `req_${pooledRandomBase62(20)}` : (inbound as string);
    res.locals = new RequestLocals(
      requestId,
      !ours,
      performance.now(),
      door,
    ) as unknown as Response['locals'];
    res.setHeader('X-Request-Id', requestId);
    // 'finish' comes once per response; `on` spares the wrapper `once` would allocate.
    res.on('finish', onFinish);
    for (const [name, value] of headers) res.setHeader(name, value);
    if (req.url.includes('?')) refuseTokensInQuery(req.url);
    if (hasNoBody(req)) next();
    else body(req, res, next);
  };
}

const TOKEN_PARAM_NAMES = new Set([
  'token',
  'access_token',
  'session_token',
  'public_token',
  'secret_key',
  'api_key',
  'apikey',
  'authorization',
  'bearer',
]);

/** Refuse any request carrying a token in its query string: URLs end up in logs, histories and referrers. */
export function refuseTokensInQuery(url: string): void {
  const q = url.indexOf('?');
  if (q < 0) return;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const [key, value] of params) {
    if (TOKEN_PARAM_NAMES.has(key.toLowerCase()) || /fl[kspch]_/.test(value)) {
      throw new ApiError('TOKEN_IN_QUERY', {
        detail: 'Send tokens in the Authorization header (Bearer), never in the URL.',
        param: key,
      });
    }
  }
}
