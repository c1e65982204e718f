import type { AppContext } from '../context';
import { authOf } from '../http/auth';
import type { RouteTable } from '../http/route-table';
import { connectionView, getConnection } from '../services/connections';

/** GET /v1/connections/:id (secret key): one connection of the environment. */
export function register(routes: RouteTable, ctx: AppContext): void {
  routes.add('GET', '/v1/connections/:id', 'secret_key', async (req, res) => {
    const auth = authOf(res, 'secret_key');
    res.json(connectionView(await getConnection(ctx.db, auth.environmentId, String(req.params.id))));
  });
}
