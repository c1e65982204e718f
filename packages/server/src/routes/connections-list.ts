import { ListConnectionsQuery } from '@flange/protocol';
import type { AppContext } from '../context';
import { authOf } from '../http/auth';
import type { RouteTable } from '../http/route-table';
import { parseOrThrow } from '../http/validate';
import { listConnections } from '../services/connections';

/** GET /v1/connections (secret key): the environment's connections, newest first, by pages. */
export function register(routes: RouteTable, ctx: AppContext): void {
  routes.add('GET', '/v1/connections', 'secret_key', async (req, res) => {
    const auth = authOf(res, 'secret_key');
    const query = parseOrThrow(ListConnectionsQuery, req.query, 'query');
    res.json(await listConnections(ctx.db, auth.environmentId, query));
  });
}
