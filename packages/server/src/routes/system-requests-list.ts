import { ListQuery } from '@flange/protocol';
import type { AppContext } from '../context';
import { authOf } from '../http/auth';
import type { RouteTable } from '../http/route-table';
import { parseOrThrow } from '../http/validate';
import { listSystemRequests } from '../services/system-requests';

/** GET /v1/system-requests (secret key): the systems this environment's end users asked for. */
export function register(routes: RouteTable, ctx: AppContext): void {
  routes.add('GET', '/v1/system-requests', 'secret_key', async (req, res) => {
    const auth = authOf(res, 'secret_key');
    const query = parseOrThrow(ListQuery, req.query, 'query');
    res.json(await listSystemRequests(ctx.db, auth.environmentId, query));
  });
}
