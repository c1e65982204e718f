import type { AppContext } from '../context';
import { authOf } from '../http/auth';
import type { RouteTable } from '../http/route-table';
import { listHandoffs } from './connect-handoff-store';

/** GET /v1/connect/handoffs (session token): the session's links and whether an admin finished. */
export function register(routes: RouteTable, ctx: AppContext): void {
  routes.add('GET', '/v1/connect/handoffs', 'session', async (_req, res) => {
    const { session } = authOf(res, 'session');
    res.json({ data: await listHandoffs(ctx, session) });
  });
}
