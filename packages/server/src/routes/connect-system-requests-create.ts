import { RequestSystemBody } from '@flange/protocol';
import type { AppContext } from '../context';
import { authOf } from '../http/auth';
import type { RouteTable } from '../http/route-table';
import { parseOrThrow } from '../http/validate';
import { createSystemRequest } from '../services/system-requests';

/** POST /v1/connect/system-requests (session token): ask for a system that has no connector yet. */
export function register(routes: RouteTable, ctx: AppContext): void {
  routes.add('POST', '/v1/connect/system-requests', 'session', async (req, res) => {
    const { session } = authOf(res, 'session');
    const body = parseOrThrow(RequestSystemBody, req.body, 'body');
    res.status(201).json(await createSystemRequest(ctx, session, body));
  });
}
