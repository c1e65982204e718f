import type {
  ListWebhookDeliveriesQuery,
  WebhookAttemptErrorClass,
  WebhookDeliveryList,
  WebhookDeliveryStatus,
  WebhookDeliveryView,
  WebhookEventType,
} from '@flange/protocol';
import type { Db } from '../db/types';
import { decodeCursor, encodeCursor } from '../services/pagination';
import type { Clock } from './deps';
import { ApiError } from '../http/problem';
import type { EnvScope } from './ports';

interface DeliveryRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  status: WebhookDeliveryStatus;
  attempt_count: number;
  next_attempt_at: Date | null;
  last_attempt_at: Date | null;
  created_at: Date;
}

interface AttemptRow {
  delivery_id: string;
  number: number;
  at: Date;
  status_code: number | null;
  duration_ms: number;
  outcome: 'succeeded' | 'failed';
  error_class: string | null;
  manual: boolean;
}

const COLUMNS =
  'id, endpoint_id, event_id, event_type, status, attempt_count, next_attempt_at, last_attempt_at, created_at';

export type DeliveryLog = ReturnType<typeof createDeliveryLog>;

/** What the host sees of deliveries (every attempt), and the hand-started retry. */
export function createDeliveryLog({ db, clock }: { db: Db; clock: Clock }) {
  async function withAttempts(rows: DeliveryRow[], tx: Db = db): Promise<WebhookDeliveryView[]> {
    if (rows.length === 0) return [];
    const { rows: attempts } = await tx.query<AttemptRow>(
      `SELECT delivery_id, number, at, status_code, duration_ms, outcome, error_class, manual
       FROM webhook_attempts WHERE delivery_id = ANY($1) ORDER BY delivery_id, number`,
      [rows.map((r) => r.id)],
    );
    const byDelivery = new Map<string, AttemptRow[]>();
    for (const a of attempts) {
      const list = byDelivery.get(a.delivery_id) ?? [];
      list.push(a);
      byDelivery.set(a.delivery_id, list);
    }
    return rows.map((r) => ({
      id: r.id,
      object: 'webhook_delivery',
      endpoint_id: r.endpoint_id,
      event_id: r.event_id,
      event_type: r.event_type as WebhookEventType,
      status: r.status,
      attempt_count: r.attempt_count,
      // A claimed delivery's due time is its lease, not a promise: show it only while pending.
      next_attempt_at: r.status === 'pending' && r.next_attempt_at ? r.next_attempt_at.toISOString() : null,
      last_attempt_at: r.last_attempt_at?.toISOString() ?? null,
      created_at: r.created_at.toISOString(),
      attempts: (byDelivery.get(r.id) ?? []).map((a) => ({
        number: a.number,
        at: a.at.toISOString(),
        status_code: a.status_code,
        duration_ms: a.duration_ms,
        outcome: a.outcome,
        error_class: a.error_class as WebhookAttemptErrorClass | null,
        manual: a.manual,
      })),
    }));
  }

  async function find(scope: EnvScope, id: string, tx: Db, lock = false): Promise<DeliveryRow> {
    const { rows } = await tx.query<DeliveryRow>(
      `SELECT ${COLUMNS} FROM webhook_deliveries WHERE id = $1 AND environment_id = $2${lock ? ' FOR UPDATE' : ''}`,
      [id, scope.environmentId],
    );
    const row = rows[0];
    if (!row) throw new ApiError('NOT_FOUND', { detail: `No webhook delivery ${id} in this environment.` });
    return row;
  }

  return {
    /** One page of deliveries, newest first, each with its attempts. */
    async list(scope: EnvScope, query: ListWebhookDeliveriesQuery): Promise<WebhookDeliveryList> {
      const limit = query.limit ?? 20;
      const where = ['environment_id = $1'];
      const params: unknown[] = [scope.environmentId];
      const add = (clause: (n: number) => string, ...values: unknown[]) => {
        where.push(clause(params.length + 1));
        params.push(...values);
      };
      if (query.endpoint_id !== undefined) add((n) => `endpoint_id = $${n}`, query.endpoint_id);
      if (query.event_id !== undefined) add((n) => `event_id = $${n}`, query.event_id);
      if (query.status !== undefined) add((n) => `status = $${n}`, query.status);
      if (query.cursor !== undefined) {
        const pos = decodeCursor(query.cursor);
        add((n) => `(created_at, id) < ($${n}, $${n + 1})`, pos.createdAt, pos.id);
      }
      params.push(limit + 1);
      const { rows } = await db.query<DeliveryRow>(
        `SELECT ${COLUMNS} FROM webhook_deliveries WHERE ${where.join(' AND ')}
         ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
        params,
      );
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        data: await withAttempts(page),
        next_cursor:
          rows.length > limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
      };
    },

    async get(scope: EnvScope, id: string): Promise<WebhookDeliveryView> {
      const row = await find(scope, id, db);
      const [view] = await withAttempts([row]);
      return view!;
    },

    /**
     * Send a delivery again now, with the same webhook-id. A finished delivery gets one more attempt; a
     * pending one is attempted now and, if that fails, keeps its place in the schedule.
     */
    async retry(scope: EnvScope, id: string): Promise<WebhookDeliveryView> {
      return db.transaction(async (tx) => {
        const row = await find(scope, id, tx, true);
        const { rows: endpoints } = await tx.query<{ status: string; deleted_at: Date | null }>(
          'SELECT status, deleted_at FROM webhook_endpoints WHERE id = $1',
          [row.endpoint_id],
        );
        const endpoint = endpoints[0];
        if (!endpoint || endpoint.deleted_at !== null) {
          throw new ApiError('CONFLICT', { detail: 'The endpoint of this delivery was deleted.' });
        }
        if (endpoint.status !== 'enabled') {
          throw new ApiError('CONFLICT', { detail: 'The endpoint of this delivery is disabled.' });
        }
        const { rows: lease } = await tx.query<{ lease_id: string | null; next_attempt_at: Date | null }>(
          'SELECT lease_id, next_attempt_at FROM webhook_deliveries WHERE id = $1',
          [id],
        );
        const now = clock.now();
        const inFlight =
          row.status === 'pending' && lease[0]?.lease_id != null && lease[0].next_attempt_at! > now;
        if (inFlight)
          throw new ApiError('CONFLICT', {
            detail: 'An attempt of this delivery is in flight; retry in a moment.',
          });
        await tx.query(
          `UPDATE webhook_deliveries SET
             status = 'pending',
             mode = 'manual',
             resume_at = CASE WHEN status = 'pending' AND mode = 'manual' THEN resume_at
                              WHEN status = 'pending' THEN next_attempt_at END,
             next_attempt_at = $2,
             lease_id = NULL
           WHERE id = $1`,
          [id, now],
        );
        const updated = await find(scope, id, tx);
        const [view] = await withAttempts([updated], tx);
        return view!;
      });
    },
  };
}
