import { CreateWebhookEndpointBody } from '@flange/protocol';
import type { RouteTable } from '../../http/route-table';
import { parseOrThrow } from '../../http/validate';
import type { EndpointStore } from '../endpoints';
import { scopeOf } from './shared';

/** POST /v1/webhook-endpoints (secret key): register an endpoint; the answer shows its secret this once. */
export function register(routes: RouteTable, endpoints: EndpointStore): void {
  routes.add('POST', '/v1/webhook-endpoints', 'secret_key', async (req, res) => {
    const body = parseOrThrow(CreateWebhookEndpointBody, req.body, 'body');
    res.status(201).json(await endpoints.create(scopeOf(res), body));
  });
}
