import { UpdateWebhookEndpointBody } from '@flange/protocol';
import type { RouteTable } from '../../http/route-table';
import { parseOrThrow } from '../../http/validate';
import type { EndpointStore } from '../endpoints';
import { scopeOf } from './shared';

/** PATCH /v1/webhook-endpoints/:id (secret key): change URL, events, description or status (re-enable). */
export function register(routes: RouteTable, endpoints: EndpointStore): void {
  routes.add('PATCH', '/v1/webhook-endpoints/:id', 'secret_key', async (req, res) => {
    const body = parseOrThrow(UpdateWebhookEndpointBody, req.body, 'body');
    res.json(await endpoints.update(scopeOf(res), String(req.params.id), body));
  });
}
