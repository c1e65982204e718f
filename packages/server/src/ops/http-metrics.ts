import type { ResponseObserver } from '../http/request-context';
import type { Metrics } from './metrics';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Record every answer under its route pattern. Requests no route matched (unknown paths, static assets,
 * refusals before routing) share one label, so a scan of random URLs cannot grow the series.
 */
export function httpMetrics(metrics: Metrics): ResponseObserver {
  return (req, res, seconds) => {
    // Express 5 leaves the matched route on the request once it has answered.
    const pattern: unknown = (req.route as { path?: unknown } | undefined)?.path;
    metrics.observeHttp(
      METHODS.has(req.method) ? req.method : 'OTHER',
      typeof pattern === 'string' ? `${req.baseUrl}${pattern}` : '(unmatched)',
      res.statusCode,
      seconds,
    );
  };
}
