import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { ApiError } from '../../http/problem';
import type { RouteTable } from '../../http/route-table';
import type { Metrics } from '../metrics';

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time check of `Authorization: Bearer <token>` (digests first, so lengths leak nothing either). */
function checkToken(req: Request, expected: string): void {
  const m = /^Bearer[ ]+(\S+)[ ]*$/i.exec(req.get('authorization') ?? '');
  const sent = m?.[1];
  if (sent === undefined || !timingSafeEqual(digest(sent), digest(expected))) {
    throw new ApiError('UNAUTHORIZED', {
      detail: 'Send the metrics token: "Authorization: Bearer <FLANGE_METRICS_TOKEN>".',
      headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' },
    });
  }
}

/** GET /metrics: Prometheus exposition of this app's registry, behind a bearer token when one is set. */
export function register(routes: RouteTable, metrics: Metrics, token: string | null): void {
  routes.add('GET', '/metrics', 'none', async (req, res) => {
    if (token !== null) checkToken(req, token);
    const { contentType, body } = await metrics.render();
    res.type(contentType).send(body);
  });
}
