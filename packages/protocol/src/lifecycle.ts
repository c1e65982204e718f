import * as z from 'zod/mini';
import { ConnectionView } from './connection';
import type { Endpoint } from './endpoints';
import {
  CreateWebhookEndpointBody,
  ListQuery,
  ListWebhookDeliveriesQuery,
  MAX_GRACE_SECONDS,
  RollWebhookSecretBody,
  UpdateWebhookEndpointBody,
  WebhookDeliveryList,
  WebhookDeliveryView,
  WebhookEndpointList,
  WebhookEndpointView,
  WebhookEndpointWithSecret,
} from './webhooks';

/** Default overlap of an old connection token after a rotation. */
export const DEFAULT_TOKEN_GRACE_SECONDS = 24 * 3600;

export const RotateTokenBody = z.strictObject({
  /** How long the old token keeps working (default 24 h, at most 7 days, 0 ends it at once). */
  grace_period_seconds: z.optional(z.number().check(z.int(), z.gte(0), z.lte(MAX_GRACE_SECONDS))),
});
export type RotateTokenBody = z.infer<typeof RotateTokenBody>;

/** The new token, shown this once, and when the old one stops. */
export const RotateTokenResponse = z.object({
  connection_id: z.string(),
  access_token: z.string(),
  previous_token_expires_at: z.iso.datetime(),
  connection: ConnectionView,
});
export type RotateTokenResponse = z.infer<typeof RotateTokenResponse>;

/** An empty body: the verify route takes no options yet, and refuses unknown ones. */
export const VerifyConnectionBody = z.strictObject({});
export type VerifyConnectionBody = z.infer<typeof VerifyConnectionBody>;

/** Issue 5's endpoints: health, token rotation, webhook endpoints and deliveries. */
export const LIFECYCLE_ENDPOINTS = [
  {
    method: 'POST',
    path: '/v1/connections/{id}/verify',
    auth: 'secret_key',
    tag: 'Connections',
    summary: 'Verify a connection now, through the same pipeline and lockout rules as the flow',
    status: 200,
    response: ConnectionView,
  },
  {
    method: 'POST',
    path: '/v1/connections/{id}/token/rotate',
    auth: 'secret_key',
    tag: 'Connections',
    summary: 'Issue a new connection token; the old one works until the grace period ends',
    body: RotateTokenBody,
    status: 200,
    response: RotateTokenResponse,
  },
  {
    method: 'POST',
    path: '/v1/webhook-endpoints',
    auth: 'secret_key',
    tag: 'Webhooks',
    summary: 'Register a webhook endpoint (the signing secret is shown once)',
    body: CreateWebhookEndpointBody,
    status: 201,
    response: WebhookEndpointWithSecret,
  },
  {
    method: 'GET',
    path: '/v1/webhook-endpoints',
    auth: 'secret_key',
    tag: 'Webhooks',
    summary: 'List webhook endpoints',
    query: ListQuery,
    status: 200,
    response: WebhookEndpointList,
  },
  {
    method: 'GET',
    path: '/v1/webhook-endpoints/{id}',
    auth: 'secret_key',
    tag: 'Webhooks',
    summary: 'Get a webhook endpoint',
    status: 200,
    response: WebhookEndpointView,
  },
  {
    method: 'PATCH',
    path: '/v1/webhook-endpoints/{id}',
    auth: 'secret_key',
    tag: 'Webhooks',
    summary: 'Update a webhook endpoint: URL, events, description, or status (re-enable after a 410)',
    body: UpdateWebhookEndpointBody,
    status: 200,
    response: WebhookEndpointView,
  },
  {
    method: 'DELETE',
    path: '/v1/webhook-endpoints/{id}',
    auth: 'secret_key',
    tag: 'Webhooks',
    summary: 'Delete a webhook endpoint; its pending deliveries are cancelled',
    status: 204,
    response: null,
  },
  {
    method: 'POST',
    path: '/v1/webhook-endpoints/{id}/roll-secret',
    auth: 'secret_key',
    tag: 'Webhooks',
    summary: 'Roll the signing secret; both secrets sign during the overlap',
    body: RollWebhookSecretBody,
    status: 200,
    response: WebhookEndpointWithSecret,
  },
  {
    method: 'GET',
    path: '/v1/webhook-deliveries',
    auth: 'secret_key',
    tag: 'Webhooks',
    summary: 'List webhook deliveries with every attempt',
    query: ListWebhookDeliveriesQuery,
    status: 200,
    response: WebhookDeliveryList,
  },
  {
    method: 'GET',
    path: '/v1/webhook-deliveries/{id}',
    auth: 'secret_key',
    tag: 'Webhooks',
    summary: 'Get a webhook delivery with every attempt',
    status: 200,
    response: WebhookDeliveryView,
  },
  {
    method: 'POST',
    path: '/v1/webhook-deliveries/{id}/retry',
    auth: 'secret_key',
    tag: 'Webhooks',
    summary: 'Send a delivery again now (same webhook-id)',
    status: 202,
    response: WebhookDeliveryView,
  },
] as const satisfies readonly Endpoint[];
