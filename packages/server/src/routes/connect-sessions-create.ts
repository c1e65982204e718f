import { CreateSessionBody } from '@flange/protocol';
import type { AppContext } from '../context';
import { authOf } from '../http/auth';
import type { RouteTable } from '../http/route-table';
import { parseOrThrow } from '../http/validate';
import { createSession } from '../services/sessions';

/** POST /v1/connect/sessions (secret key): a connect session for one end user. */
export function register(routes: RouteTable, ctx: AppContext): void {
  routes.add('POST', '/v1/connect/sessions', 'secret_key', async (req, res) => {
    const auth = authOf(res, 'secret_key');
    const body = parseOrThrow(CreateSessionBody, req.body, 'body');
    res.status(201).json(await createSession(ctx, auth, body));
  });
}
