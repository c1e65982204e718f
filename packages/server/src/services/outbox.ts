import type { WebhookEventInput } from '@flange/protocol';
import type { Db } from '../db/types';

/**
 * Where lifecycle events go, written in the same transaction as the state change they describe.
 * The webhooks module (issue 5) provides the transactional outbox; without it events are only logged.
 */
export interface Outbox {
  /** Resolves once the event is written in `tx`; what it resolves to is the outbox's own business. */
  enqueue(tx: Db, environmentId: string, event: WebhookEventInput): Promise<unknown>;
}
