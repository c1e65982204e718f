import type { AppContext } from '../context';
import { authOf } from '../http/auth';
import { ApiError } from '../http/problem';
import type { RouteTable } from '../http/route-table';
import { systemDetail } from '../services/catalog';
import { sessionAllows } from '../services/sessions';

/** GET /v1/connect/systems/:id (session token): fields, guides and steps; sandbox hints in test. */
export function register(routes: RouteTable, ctx: AppContext): void {
  routes.add('GET', '/v1/connect/systems/:id', 'session', (req, res) => {
    const { session } = authOf(res, 'session');
    const id = String(req.params.id);
    const info = ctx.connectors.get(id);
    if (!info) throw new ApiError('NOT_FOUND', { detail: 'No system with this id.' });
    if (!sessionAllows(session, id)) {
      throw new ApiError('SYSTEM_NOT_ALLOWED', { detail: 'The session does not offer this system.' });
    }
    const sandbox = session.environment === 'test' ? ctx.sandbox[id] : undefined;
    res.json(systemDetail(info, sandbox));
  });
}
