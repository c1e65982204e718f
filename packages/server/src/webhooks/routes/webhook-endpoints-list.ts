import { ListQuery } from '@flange/protocol';
import type { RouteTable } from '../../http/route-table';
import { parseOrThrow } from '../../http/validate';
import type { EndpointStore } from '../endpoints';
import { scopeOf } from './shared';

/** GET /v1/webhook-endpoints (secret key): the environment's endpoints, newest first, by pages. */
export function register(routes: RouteTable, endpoints: EndpointStore): void {
  routes.add('GET', '/v1/webhook-endpoints', 'secret_key', async (req, res) => {
    const query = parseOrThrow(ListQuery, req.query, 'query');
    res.json(await endpoints.list(scopeOf(res), query));
  });
}
