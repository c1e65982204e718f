import { ListWebhookDeliveriesQuery } from '@flange/protocol';
import type { RouteTable } from '../../http/route-table';
import { parseOrThrow } from '../../http/validate';
import type { DeliveryLog } from '../deliveries';
import { scopeOf } from './shared';

/** GET /v1/webhook-deliveries (secret key): deliveries with every attempt, newest first, by pages. */
export function register(routes: RouteTable, deliveries: DeliveryLog): void {
  routes.add('GET', '/v1/webhook-deliveries', 'secret_key', async (req, res) => {
    const query = parseOrThrow(ListWebhookDeliveriesQuery, req.query, 'query');
    res.json(await deliveries.list(scopeOf(res), query));
  });
}
