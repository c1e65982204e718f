import type { HandoffResume } from '@flange/protocol';
import type { AppContext } from '../context';
import { authOf } from '../http/auth';
import type { RouteTable } from '../http/route-table';

/** GET /v1/connect/position (session token): where the end user was in this session, or null. */
export function register(routes: RouteTable, ctx: AppContext): void {
  routes.add('GET', '/v1/connect/position', 'session', async (_req, res) => {
    const { session } = authOf(res, 'session');
    const { rows } = await ctx.db.query<{ position: HandoffResume }>(
      'SELECT position FROM connect_positions WHERE session_id = $1',
      [session.id],
    );
    res.json({ position: rows[0]?.position ?? null });
  });
}
