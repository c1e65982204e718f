import type { RequestHandler } from 'express';
import type { Metrics } from './metrics';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Time every answer and record it under its route pattern. Requests no route matched (unknown paths,
 * static assets, refusals before routing) share one label, so a scan of random URLs cannot grow the series.
 */
export function httpMetrics(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // Express 5 leaves the matched route on the request once it has answered.
      const pattern: unknown = (req.route as { path?: unknown } | undefined)?.path;
      metrics.observeHttp({
        method: METHODS.has(req.method) ? req.method : 'OTHER',
        route: typeof pattern === 'string' ? `${req.baseUrl}${pattern}` : '(unmatched)',
        status: res.statusCode,
        seconds,
      });
    });
    next();
  };
}
