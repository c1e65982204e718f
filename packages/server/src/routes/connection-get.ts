import type { Response } from 'express';
import type { AppContext } from '../context';
import { authOf } from '../http/auth';
import type { RouteTable } from '../http/route-table';
import { cachedConnection } from '../services/connections';

/** GET /v1/connection (connection token): the status of the connection the token belongs to. */
export function register(routes: RouteTable, ctx: AppContext): void {
  routes.add('GET', '/v1/connection', 'connection', (_req, res) => {
    const auth = authOf(res, 'connection');
    // A cache hit (nearly every poll) answers without a promise.
    const hit = ctx.connectionCache.connection(auth.environmentId, auth.connectionId);
    if (hit !== undefined) return send(res, hit.json);
    return cachedConnection(ctx.db, ctx.connectionCache, auth.environmentId, auth.connectionId).then((c) =>
      send(res, c.json),
    );
  });
}

/**
 * The view's JSON text is cached with it: the same bytes and headers res.json would write, without its
 * generic work (type lookup, freshness, a Buffer copy of any body over 1 KB).
 */
function send(res: Response, json: string): void {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}
