import type { AppContext } from '../context';
import { authOf } from '../http/auth';
import type { RouteTable } from '../http/route-table';
import { connectionView, getConnection } from '../services/connections';

/** GET /v1/connection (connection token): the status of the connection the token belongs to. */
export function register(routes: RouteTable, ctx: AppContext): void {
  routes.add('GET', '/v1/connection', 'connection', async (_req, res) => {
    const auth = authOf(res, 'connection');
    res.json(connectionView(await getConnection(ctx.db, auth.environmentId, auth.connectionId)));
  });
}
