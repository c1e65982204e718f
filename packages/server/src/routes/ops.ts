import type { AppContext } from '../context';
import { ApiError } from '../http/problem';
import type { RouteTable } from '../http/route-table';

/** GET /healthz (the process answers) and GET /readyz (storage answers and is migrated). */
export function register(routes: RouteTable, ctx: AppContext): void {
  routes.add('GET', '/healthz', 'none', (_req, res) => {
    res.json({ status: 'ok' });
  });
  routes.add('GET', '/readyz', 'none', async (_req, res) => {
    try {
      await ctx.db.query('SELECT 1 FROM schema_migrations LIMIT 1');
    } catch (err) {
      res.locals.log.warn({ err }, 'not ready: storage');
      throw new ApiError('SERVICE_UNAVAILABLE', {
        detail: 'Storage is not reachable or not migrated.',
        retry_after: 5,
      });
    }
    res.json({ status: 'ready' });
  });
}
