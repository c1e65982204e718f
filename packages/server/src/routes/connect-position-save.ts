import { SavePositionBody } from '@flange/protocol';
import type { AppContext } from '../context';
import { authOf } from '../http/auth';
import type { RouteTable } from '../http/route-table';
import { parseOrThrow } from '../http/validate';
import { checkResume } from './connect-resume-check';

/**
 * POST /v1/connect/position (session token): where the end user is (system, method, non-secret
 * values), so a reload or a new tab returns there even where the browser keeps no storage.
 */
export function register(routes: RouteTable, ctx: AppContext): void {
  routes.add('POST', '/v1/connect/position', 'session', async (req, res) => {
    const { session } = authOf(res, 'session');
    const { position } = parseOrThrow(SavePositionBody, req.body, 'body');
    if (position === null) {
      await ctx.db.query('DELETE FROM connect_positions WHERE session_id = $1', [session.id]);
    } else {
      const checked = checkResume(ctx, session, position, 'position');
      await ctx.db.query(
        `INSERT INTO connect_positions (session_id, position, updated_at) VALUES ($1, $2::jsonb, $3)
         ON CONFLICT (session_id) DO UPDATE SET position = EXCLUDED.position, updated_at = EXCLUDED.updated_at`,
        [session.id, JSON.stringify(checked), ctx.clock.now()],
      );
    }
    res.status(204).end();
  });
}
