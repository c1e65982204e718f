import type { RouteTable } from '../../http/route-table';
import type { Webhooks } from '../index';
import * as deliveriesGet from './webhook-deliveries-get';
import * as deliveriesList from './webhook-deliveries-list';
import * as deliveriesRetry from './webhook-deliveries-retry';
import * as endpointsCreate from './webhook-endpoints-create';
import * as endpointsDelete from './webhook-endpoints-delete';
import * as endpointsGet from './webhook-endpoints-get';
import * as endpointsList from './webhook-endpoints-list';
import * as endpointsRollSecret from './webhook-endpoints-roll-secret';
import * as endpointsUpdate from './webhook-endpoints-update';

/** Add the webhook endpoint and delivery routes to the table. */
export function registerWebhookRoutes(routes: RouteTable, webhooks: Webhooks): void {
  endpointsCreate.register(routes, webhooks.endpoints);
  endpointsList.register(routes, webhooks.endpoints);
  endpointsGet.register(routes, webhooks.endpoints);
  endpointsUpdate.register(routes, webhooks.endpoints);
  endpointsDelete.register(routes, webhooks.endpoints);
  endpointsRollSecret.register(routes, webhooks.endpoints);
  deliveriesList.register(routes, webhooks.deliveries);
  deliveriesGet.register(routes, webhooks.deliveries);
  deliveriesRetry.register(routes, webhooks.deliveries, webhooks.dispatcher);
}
