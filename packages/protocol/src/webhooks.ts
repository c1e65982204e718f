import * as z from 'zod/mini';
import { ConnectionView } from './connection';
import { SystemRequestView } from './endpoints';
import { ErrorCode } from './errors';
import { Environment } from './session';

/** Every event type Flange sends. Adding one is additive; receivers must ignore types they do not know. */
export const WEBHOOK_EVENT_TYPES = [
  'connection.created',
  'connection.reauthorization_required',
  'connection.reauthorized',
  'connection.degraded',
  'connection.recovered',
  'connection.token_rotated',
  'connection.revoked',
  'system.requested',
] as const;
export const WebhookEventType = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

/** An endpoint's event filter: explicit types, or `*` for every type (including ones added later). */
export const WebhookEventFilter = z.union([WebhookEventType, z.literal('*')]);
export type WebhookEventFilter = z.infer<typeof WebhookEventFilter>;

/** Standard Webhooks secret: `whsec_` + base64 of 24–64 random bytes. */
export const WEBHOOK_SECRET_PATTERN = /^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/;

const WebhookUrl = z.string().check(
  z.maxLength(2048),
  z.refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
    } catch {
      return false;
    }
  }, 'Must be an http(s) URL without user name or password.'),
);

export const CreateWebhookEndpointBody = z.strictObject({
  url: WebhookUrl,
  /** Omitted: every event type. */
  events: z.optional(
    z.array(WebhookEventFilter).check(z.minLength(1), z.maxLength(WEBHOOK_EVENT_TYPES.length + 1)),
  ),
  description: z.optional(z.string().check(z.maxLength(500))),
});
export type CreateWebhookEndpointBody = z.infer<typeof CreateWebhookEndpointBody>;

export const WebhookEndpointStatus = z.enum(['enabled', 'disabled']);
export type WebhookEndpointStatus = z.infer<typeof WebhookEndpointStatus>;

/**
 * Change an endpoint: only the fields sent change. `status: "enabled"` re-enables an endpoint disabled by a
 * 410 answer or by the host (events raised while it was disabled are not queued for it); `"disabled"` stops
 * deliveries and cancels the pending ones.
 */
export const UpdateWebhookEndpointBody = z
  .strictObject({
    url: z.optional(WebhookUrl),
    events: z.optional(
      z.array(WebhookEventFilter).check(z.minLength(1), z.maxLength(WEBHOOK_EVENT_TYPES.length + 1)),
    ),
    /** null clears it. */
    description: z.optional(z.nullable(z.string().check(z.maxLength(500)))),
    status: z.optional(WebhookEndpointStatus),
  })
  .check(
    z.refine((b) => Object.keys(b).length > 0, 'Send at least one of url, events, description, status.'),
  );
export type UpdateWebhookEndpointBody = z.infer<typeof UpdateWebhookEndpointBody>;

/** A webhook endpoint as the host sees it. The secret appears only in the create and roll answers. */
export const WebhookEndpointView = z.object({
  id: z.string(),
  object: z.literal('webhook_endpoint'),
  environment: Environment,
  url: z.string(),
  events: z.array(WebhookEventFilter),
  description: z.nullable(z.string()),
  status: WebhookEndpointStatus,
  /** Why the endpoint was disabled: `gone` after it answered 410, `disabled_by_host` after an update. */
  disabled_reason: z.nullable(z.string()),
  created_at: z.iso.datetime(),
  /** While a rolled secret overlaps, deliveries carry a signature for each secret until this time. */
  previous_secret_expires_at: z.nullable(z.iso.datetime()),
});
export type WebhookEndpointView = z.infer<typeof WebhookEndpointView>;

/** The create and roll-secret answers: the only time the secret is shown. */
export const WebhookEndpointWithSecret = z.extend(WebhookEndpointView, {
  secret: z.string().check(z.regex(WEBHOOK_SECRET_PATTERN)),
});
export type WebhookEndpointWithSecret = z.infer<typeof WebhookEndpointWithSecret>;

export const WebhookEndpointList = z.object({
  data: z.array(WebhookEndpointView),
  next_cursor: z.nullable(z.string()),
});
export type WebhookEndpointList = z.infer<typeof WebhookEndpointList>;

export const ListQuery = z.strictObject({
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(100))),
  cursor: z.optional(z.string().check(z.maxLength(500))),
});
export type ListQuery = z.infer<typeof ListQuery>;

/** Seven days: the longest overlap of an old webhook secret or connection token. */
export const MAX_GRACE_SECONDS = 7 * 24 * 3600;

export const RollWebhookSecretBody = z.strictObject({
  /** How long the old secret keeps signing alongside the new one (default 24 h, 0 ends it at once). */
  expires_in_seconds: z.optional(z.number().check(z.int(), z.gte(0), z.lte(MAX_GRACE_SECONDS))),
});
export type RollWebhookSecretBody = z.infer<typeof RollWebhookSecretBody>;

/** Why one delivery attempt failed, in classes a host can act on (never the receiver's body). */
export const WebhookAttemptErrorClass = z.enum([
  'http_status',
  'redirect',
  'timeout',
  'network',
  'url_not_allowed',
  'internal',
]);
export type WebhookAttemptErrorClass = z.infer<typeof WebhookAttemptErrorClass>;

export const WebhookAttemptView = z.object({
  number: z.number().check(z.int(), z.gte(1)),
  at: z.iso.datetime(),
  status_code: z.nullable(z.number().check(z.int())),
  duration_ms: z.number().check(z.int(), z.nonnegative()),
  outcome: z.enum(['succeeded', 'failed']),
  error_class: z.nullable(WebhookAttemptErrorClass),
  manual: z.boolean(),
});
export type WebhookAttemptView = z.infer<typeof WebhookAttemptView>;

/**
 * `pending`: waiting for its next attempt; `succeeded`: a 2xx arrived; `failed`: the schedule ran out or the
 * endpoint answered 410; `cancelled`: the endpoint was disabled or deleted before delivery.
 */
export const WebhookDeliveryStatus = z.enum(['pending', 'succeeded', 'failed', 'cancelled']);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatus>;

/** One event on its way to one endpoint, with every attempt made. */
export const WebhookDeliveryView = z.object({
  id: z.string(),
  object: z.literal('webhook_delivery'),
  endpoint_id: z.string(),
  /** Also the `webhook-id` header: the same for every attempt and every endpoint, so receivers dedupe on it. */
  event_id: z.string(),
  event_type: WebhookEventType,
  status: WebhookDeliveryStatus,
  attempt_count: z.number().check(z.int(), z.nonnegative()),
  next_attempt_at: z.nullable(z.iso.datetime()),
  last_attempt_at: z.nullable(z.iso.datetime()),
  created_at: z.iso.datetime(),
  attempts: z.array(WebhookAttemptView),
});
export type WebhookDeliveryView = z.infer<typeof WebhookDeliveryView>;

export const WebhookDeliveryList = z.object({
  data: z.array(WebhookDeliveryView),
  next_cursor: z.nullable(z.string()),
});
export type WebhookDeliveryList = z.infer<typeof WebhookDeliveryList>;

export const ListWebhookDeliveriesQuery = z.extend(ListQuery, {
  endpoint_id: z.optional(z.string().check(z.maxLength(100))),
  event_id: z.optional(z.string().check(z.maxLength(100))),
  status: z.optional(WebhookDeliveryStatus),
});
export type ListWebhookDeliveriesQuery = z.infer<typeof ListWebhookDeliveriesQuery>;

/** Why a connection left `active`: the stable code and a message safe to show the end user. */
export const TransitionReason = z.object({
  code: ErrorCode,
  display_message: z.nullable(z.string()),
});
export type TransitionReason = z.infer<typeof TransitionReason>;

const envelope = <T extends WebhookEventType, D extends z.core.$ZodType>(type: T, data: D) =>
  z.object({
    id: z.string(),
    type: z.literal(type),
    created_at: z.iso.datetime(),
    environment: Environment,
    data,
  });

export const ConnectionCreatedData = z.object({ connection: ConnectionView });
export const ConnectionReauthorizationRequiredData = z.object({
  connection: ConnectionView,
  reason: TransitionReason,
  /** How to fix it: create a connect session with `reconnect_connection_id` set to this connection. */
  reconnect: z.object({ reconnect_connection_id: z.string() }),
});
export const ConnectionReauthorizedData = z.object({ connection: ConnectionView });
export const ConnectionDegradedData = z.object({ connection: ConnectionView, reason: TransitionReason });
export const ConnectionRecoveredData = z.object({ connection: ConnectionView });
export const ConnectionTokenRotatedData = z.object({
  connection: ConnectionView,
  /** When the previous token stops working. */
  previous_token_expires_at: z.iso.datetime(),
});
export const ConnectionRevokedData = z.object({ connection: ConnectionView });
export const SystemRequestedData = z.object({ system_request: SystemRequestView });

export const ConnectionCreatedEvent = envelope('connection.created', ConnectionCreatedData);
export const ConnectionReauthorizationRequiredEvent = envelope(
  'connection.reauthorization_required',
  ConnectionReauthorizationRequiredData,
);
export const ConnectionReauthorizedEvent = envelope('connection.reauthorized', ConnectionReauthorizedData);
export const ConnectionDegradedEvent = envelope('connection.degraded', ConnectionDegradedData);
export const ConnectionRecoveredEvent = envelope('connection.recovered', ConnectionRecoveredData);
export const ConnectionTokenRotatedEvent = envelope('connection.token_rotated', ConnectionTokenRotatedData);
export const ConnectionRevokedEvent = envelope('connection.revoked', ConnectionRevokedData);
export const SystemRequestedEvent = envelope('system.requested', SystemRequestedData);

/** The body of every webhook Flange sends: `{ id, type, created_at, environment, data }`. */
export const WebhookEvent = z.discriminatedUnion('type', [
  ConnectionCreatedEvent,
  ConnectionReauthorizationRequiredEvent,
  ConnectionReauthorizedEvent,
  ConnectionDegradedEvent,
  ConnectionRecoveredEvent,
  ConnectionTokenRotatedEvent,
  ConnectionRevokedEvent,
  SystemRequestedEvent,
]);
export type WebhookEvent = z.infer<typeof WebhookEvent>;

/** What a producer hands the outbox: the type and its data; the outbox adds id, time and environment. */
export type WebhookEventInput = {
  [E in WebhookEvent as E['type']]: { type: E['type']; data: E['data'] };
}[WebhookEvent['type']];
