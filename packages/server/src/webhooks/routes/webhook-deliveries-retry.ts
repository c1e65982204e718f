import * as z from 'zod';
import type { RouteTable } from '../../http/route-table';
import { parseOrThrow } from '../../http/validate';
import type { DeliveryLog } from '../deliveries';
import type { Dispatcher } from '../dispatcher';
import { bodyOrEmpty, scopeOf } from './shared';

/** POST /v1/webhook-deliveries/:id/retry (secret key): send again now, under the same webhook-id. */
export function register(routes: RouteTable, deliveries: DeliveryLog, dispatcher: Dispatcher): void {
  routes.add('POST', '/v1/webhook-deliveries/:id/retry', 'secret_key', async (req, res) => {
    parseOrThrow(z.strictObject({}), bodyOrEmpty(req.body), 'body');
    const view = await deliveries.retry(scopeOf(res), String(req.params.id));
    dispatcher.wake();
    res.status(202).json(view);
  });
}
