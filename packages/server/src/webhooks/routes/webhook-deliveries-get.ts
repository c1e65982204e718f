import type { RouteTable } from '../../http/route-table';
import type { DeliveryLog } from '../deliveries';
import { scopeOf } from './shared';

/** GET /v1/webhook-deliveries/:id (secret key): one delivery with every attempt. */
export function register(routes: RouteTable, deliveries: DeliveryLog): void {
  routes.add('GET', '/v1/webhook-deliveries/:id', 'secret_key', async (req, res) => {
    res.json(await deliveries.get(scopeOf(res), String(req.params.id)));
  });
}
