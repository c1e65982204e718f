import { ConnectionStatus, WebhookEventType } from '@flange/protocol';
import * as z from 'zod/mini';

/**
 * One webhook as the Events panel shows it: what Acme's backend received from Flange, after it verified
 * the signature. Only these fields reach the browser, never the raw payload.
 */
export const FeedEvent = z.object({
  /** The `webhook-id`: the same on every retry, so the page dedupes on it too. */
  id: z.string(),
  type: WebhookEventType,
  created_at: z.string(),
  received_at: z.string(),
  connection_id: z.nullable(z.string()),
  system_name: z.nullable(z.string()),
  status: z.nullable(ConnectionStatus),
  /** Why a connection needs attention, as Flange says it to the end user. */
  detail: z.nullable(z.string()),
  /** On `connection.token_rotated`: when the previous token stops working. */
  previous_token_expires_at: z.nullable(z.string()),
  /** Always true: a delivery whose signature does not check out is answered 400 and never shown. */
  verified: z.literal(true),
});
export type FeedEvent = z.infer<typeof FeedEvent>;

/** Whether Acme's backend has its webhook endpoint registered with Flange yet. */
export const ReceiverStatus = z.object({
  state: z.enum(['registering', 'listening', 'failed']),
  /** The URL Flange delivers to. */
  url: z.string(),
  detail: z.nullable(z.string()),
});
export type ReceiverStatus = z.infer<typeof ReceiverStatus>;
