import type { AppContext } from '../context';
import { authOf } from '../http/auth';
import type { RouteTable } from '../http/route-table';
import { attemptState, getAttempt, reapIfStale } from '../services/attempts';

/** GET /v1/connect/attempts/:id (session token): the whole attempt, so a reload resumes where it was. */
export function register(routes: RouteTable, ctx: AppContext): void {
  routes.add('GET', '/v1/connect/attempts/:id', 'session', async (req, res) => {
    const { session } = authOf(res, 'session');
    const reqCtx = { ...ctx, logger: res.locals.log };
    const attempt = await reapIfStale(reqCtx, await getAttempt(ctx.db, session.id, String(req.params.id)));
    res.json(await attemptState(ctx, attempt));
  });
}
