import { WebhookEvent, type Environment, type WebhookEventInput } from '@flange/protocol';
import { newId } from '../crypto/random';
import type { Db } from '../db/types';
import type { Outbox as ServerOutbox } from '../services/outbox';
import type { Clock } from './deps';

export interface EnqueuedEvent {
  eventId: string;
  /** How many endpoints will receive it (0 when none subscribes). */
  deliveries: number;
}

export type Outbox = ReturnType<typeof createOutbox>;

/**
 * The transactional outbox (the server's Outbox). Producers call `enqueue(tx, …)` with the transaction that
 * changes the state the event reports, so the event exists exactly when the change does; the dispatcher sends
 * it afterwards. The event row is kept even when no endpoint subscribes: it is the record of the change.
 */
export function createOutbox({ clock }: { clock: Clock }) {
  return {
    /** Write the event and one pending delivery per subscribed, enabled endpoint, inside `tx`. */
    async enqueue(tx: Db, environmentId: string, input: WebhookEventInput): Promise<EnqueuedEvent> {
      const now = clock.now();
      const { rows: envs } = await tx.query<{ kind: Environment }>(
        'SELECT kind FROM environments WHERE id = $1',
        [environmentId],
      );
      const environment = envs[0]?.kind;
      if (!environment) throw new Error(`unknown environment ${environmentId}`);
      const id = newId('evt');
      // Parsing here catches a producer bug (a payload that breaks the published schema) before it commits.
      const event = WebhookEvent.parse({
        id,
        type: input.type,
        created_at: now.toISOString(),
        environment,
        data: input.data,
      });
      await tx.query(
        'INSERT INTO webhook_events (id, environment_id, type, body, created_at) VALUES ($1, $2, $3, $4, $5)',
        [id, environmentId, event.type, JSON.stringify(event), now],
      );
      const { rows } = await tx.query<{ id: string }>(
        `SELECT id FROM webhook_endpoints
         WHERE environment_id = $1 AND status = 'enabled' AND deleted_at IS NULL
           AND ('*' = ANY(events) OR $2 = ANY(events))`,
        [environmentId, event.type],
      );
      for (const endpoint of rows) {
        await tx.query(
          `INSERT INTO webhook_deliveries
             (id, environment_id, endpoint_id, event_id, event_type, status, next_attempt_at, created_at)
           VALUES ($1, $2, $3, $4, $5, 'pending', $6, $6)`,
          [newId('whd'), environmentId, endpoint.id, id, event.type, now],
        );
      }
      return { eventId: id, deliveries: rows.length };
    },
  };
}

/** The outbox as the server's services see it (checked at compile time). */
export const asServerOutbox = (outbox: Outbox): ServerOutbox => outbox;
