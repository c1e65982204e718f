import type { RouteTable } from '../../http/route-table';
import type { EndpointStore } from '../endpoints';
import { scopeOf } from './shared';

/** GET /v1/webhook-endpoints/:id (secret key): one endpoint, without its secret. */
export function register(routes: RouteTable, endpoints: EndpointStore): void {
  routes.add('GET', '/v1/webhook-endpoints/:id', 'secret_key', async (req, res) => {
    res.json(await endpoints.get(scopeOf(res), String(req.params.id)));
  });
}
