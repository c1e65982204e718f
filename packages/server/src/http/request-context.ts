import type { RequestHandler } from 'express';
import { randomBase62 } from '../crypto/random';
import type { Logger } from '../logger';
import { ApiError } from './problem';

const INBOUND_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Request id (ours, or a safe inbound X-Request-Id), a child logger carrying it, and an access log line. */
export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const inbound = req.get('x-request-id');
    const requestId = inbound !== undefined && INBOUND_ID.test(inbound) ? inbound : `req_${randomBase62(20)}`;
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    const log = logger.child({ req_id: requestId });
    res.locals.log = log;
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const auth = res.locals.auth;
      log.info(
        {
          method: req.method,
          // The path only: a query string may carry what must not be logged.
          path: req.path,
          status: res.statusCode,
          duration_ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
          ...(auth ? { auth: auth.kind, token: auth.masked } : {}),
        },
        'request',
      );
    });
    next();
  };
}

/** Headers every answer carries; the hosted page replaces the CSP with its own. */
export function securityHeaders(opts: { https: boolean }): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    if (opts.https) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
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
export const refuseTokensInQuery: RequestHandler = (req, _res, next) => {
  const q = req.url.indexOf('?');
  if (q < 0) return next();
  const params = new URLSearchParams(req.url.slice(q + 1));
  for (const [key, value] of params) {
    if (TOKEN_PARAM_NAMES.has(key.toLowerCase()) || /fl[kspch]_/.test(value)) {
      throw new ApiError('TOKEN_IN_QUERY', {
        detail: 'Send tokens in the Authorization header (Bearer), never in the URL.',
        param: key,
      });
    }
  }
  next();
};
