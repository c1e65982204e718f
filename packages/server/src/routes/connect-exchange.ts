import { ExchangeBody } from '@flange/protocol';
import type { AppContext } from '../context';
import { authOf } from '../http/auth';
import type { RouteTable } from '../http/route-table';
import { parseOrThrow } from '../http/validate';
import { exchangePublicToken } from '../services/exchange';

/** POST /v1/connect/exchange (secret key): a public token for the connection id and token, once. */
export function register(routes: RouteTable, ctx: AppContext): void {
  routes.add('POST', '/v1/connect/exchange', 'secret_key', async (req, res) => {
    const auth = authOf(res, 'secret_key');
    const body = parseOrThrow(ExchangeBody, req.body, 'body');
    const result = await exchangePublicToken(ctx, auth.environmentId, body.public_token);
    res.locals.log.info({ connection_id: result.connection_id }, 'public token exchanged');
    res.status(200).json(result);
  });
}
