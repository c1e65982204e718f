import type { AppContext } from '../context';
import { authOf } from '../http/auth';
import type { RouteTable } from '../http/route-table';
import { sessionInfo } from '../services/sessions';

/** GET /v1/connect/session (session token): what the widget knows about its session. */
export function register(routes: RouteTable, ctx: AppContext): void {
  routes.add('GET', '/v1/connect/session', 'session', async (_req, res) => {
    res.json(await sessionInfo(ctx.db, authOf(res, 'session').session));
  });
}
