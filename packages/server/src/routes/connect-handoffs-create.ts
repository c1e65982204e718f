import { CreateHandoffBody } from '@flange/protocol';
import type { AppContext } from '../context';
import { authOf } from '../http/auth';
import type { RouteTable } from '../http/route-table';
import { parseOrThrow } from '../http/validate';
import { createHandoff } from './connect-handoff-store';

/** POST /v1/connect/handoffs (session token): a one-time link the end user sends to their IT admin. */
export function register(routes: RouteTable, ctx: AppContext): void {
  routes.add('POST', '/v1/connect/handoffs', 'session', async (req, res) => {
    const { session } = authOf(res, 'session');
    // An empty POST is the common case (no resume point yet): treat a missing body as {}.
    const body = parseOrThrow(CreateHandoffBody, req.body ?? {}, 'body');
    res.status(201).json(await createHandoff(ctx, session, body.resume));
  });
}
