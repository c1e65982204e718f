import type { AppContext } from '../context';
import { authOf } from '../http/auth';
import type { RouteTable } from '../http/route-table';
import { revokeConnection } from '../services/connections';

/** DELETE /v1/connections/:id (secret key): revoke; credentials wiped and every token dead at once. */
export function register(routes: RouteTable, ctx: AppContext): void {
  routes.add('DELETE', '/v1/connections/:id', 'secret_key', async (req, res) => {
    const auth = authOf(res, 'secret_key');
    // The request's logger, so the revocation's log line carries the request id.
    res.json(
      await revokeConnection({ ...ctx, logger: res.locals.log }, auth.environmentId, String(req.params.id)),
    );
  });
}
