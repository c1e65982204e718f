import type { RouteTable } from '../../http/route-table';
import type { EndpointStore } from '../endpoints';
import { scopeOf } from './shared';

/** DELETE /v1/webhook-endpoints/:id (secret key): delete an endpoint; its pending deliveries are cancelled. */
export function register(routes: RouteTable, endpoints: EndpointStore): void {
  routes.add('DELETE', '/v1/webhook-endpoints/:id', 'secret_key', async (req, res) => {
    await endpoints.remove(scopeOf(res), String(req.params.id));
    res.status(204).end();
  });
}
