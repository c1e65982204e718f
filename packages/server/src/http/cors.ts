import type { RequestHandler } from 'express';

const EXPOSED = 'X-Request-Id, Retry-After, RateLimit, RateLimit-Policy';

/**
 * CORS for connect-session routes. The browser's answer is readable by the requesting origin; whether
 * that origin may use the session is decided after authentication (requireAuth refuses other origins
 * with ORIGIN_NOT_ALLOWED before the handler runs), so only problem documents ever reach them.
 */
export const sessionCors: RequestHandler = (req, res, next) => {
  const origin = req.get('origin');
  res.append('Vary', 'Origin');
  if (origin !== undefined) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Expose-Headers', EXPOSED);
  }
  next();
};

/**
 * Preflight: a preflight carries no Authorization header, so it cannot name the session; it allows the
 * request shape and the real request is checked against the session's allowed origins.
 */
export function preflight(methods: string[]): RequestHandler {
  return (req, res) => {
    const origin = req.get('origin');
    res.append('Vary', 'Origin');
    res.setHeader('Allow', [...methods, 'OPTIONS'].join(', '));
    if (origin !== undefined && req.get('access-control-request-method') !== undefined) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Methods', methods.join(', '));
      res.setHeader(
        'Access-Control-Allow-Headers',
        'Authorization, Content-Type, Last-Event-ID, X-Request-Id',
      );
      res.setHeader('Access-Control-Max-Age', '600');
    }
    res.status(204).end();
  };
}
