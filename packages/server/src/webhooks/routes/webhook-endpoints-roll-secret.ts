import { RollWebhookSecretBody } from '@flange/protocol';
import type { RouteTable } from '../../http/route-table';
import { parseOrThrow } from '../../http/validate';
import type { EndpointStore } from '../endpoints';
import { bodyOrEmpty, scopeOf } from './shared';

/** POST /v1/webhook-endpoints/:id/roll-secret (secret key): a new secret; the old one signs too until it expires. */
export function register(routes: RouteTable, endpoints: EndpointStore): void {
  routes.add('POST', '/v1/webhook-endpoints/:id/roll-secret', 'secret_key', async (req, res) => {
    const body = parseOrThrow(RollWebhookSecretBody, bodyOrEmpty(req.body), 'body');
    res.json(await endpoints.rollSecret(scopeOf(res), String(req.params.id), body));
  });
}
