import type { WebhookAttemptErrorClass } from '@flange/protocol';
import type { Db } from '../db/types';
import type { Clock, Logger } from './deps';
import { newId } from '../crypto/random';
import type { SecretBox, SendResponse, WebhookSend } from './ports';
import { nextRetryDelay, parseRetryAfter, RETRY_SCHEDULE_MS } from './schedule';
import { signWebhook } from './signature';
import { classifySendError } from './classify';
import { createPoller, errorSummary } from './poller';

export interface DispatcherOptions {
  /** Deliveries claimed per round. */
  batchSize?: number;
  /** Sends in flight at once. */
  concurrency?: number;
  /** Wait between rounds when nothing was due. */
  pollIntervalMs?: number;
  /** Per attempt; the standard asks for 15–30 s. */
  timeoutMs?: number;
  /** How long a claim hides a delivery from other workers; after it, a crashed worker's job comes back. */
  leaseMs?: number;
  random?: () => number;
  schedule?: readonly number[];
}

/** One attempt's result, for metrics. */
export interface AttemptRecord {
  deliveryId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  number: number;
  manual: boolean;
  outcome: 'succeeded' | 'failed';
  statusCode: number | null;
  errorClass: WebhookAttemptErrorClass | null;
  durationMs: number;
}

export interface DispatcherDeps extends DispatcherOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  send: WebhookSend;
  secrets: SecretBox;
  onAttempt?: (attempt: AttemptRecord) => void;
  /** Maps a thrown send error to a class; the default reads `code` and `name`. */
  classifyError?: (error: unknown) => WebhookAttemptErrorClass;
}

interface ClaimedRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  mode: 'auto' | 'manual';
  resume_at: Date | null;
  scheduled_attempts: number;
}

interface EndpointRow {
  url: string;
  status: 'enabled' | 'disabled';
  deleted_at: Date | null;
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_secret_expires_at: Date | null;
}

type Result =
  | { kind: 'response'; status: number; retryAfter: string | null }
  | { kind: 'error'; errorClass: WebhookAttemptErrorClass };

export type Dispatcher = ReturnType<typeof createDispatcher>;

/**
 * Sends pending deliveries at least once. Several instances share the work: a round claims due rows with
 * FOR UPDATE SKIP LOCKED and pushes their due time forward by a lease, so a worker that dies mid-send
 * leaves the delivery to come back (same webhook-id) instead of losing it.
 */
export function createDispatcher(deps: DispatcherDeps) {
  const { db, clock, logger, send, secrets } = deps;
  const batchSize = deps.batchSize ?? 20;
  const concurrency = deps.concurrency ?? 8;
  const pollIntervalMs = deps.pollIntervalMs ?? 1000;
  const timeoutMs = deps.timeoutMs ?? 15_000;
  const leaseMs = deps.leaseMs ?? Math.max(60_000, timeoutMs * 4);
  const random = deps.random ?? Math.random;
  const schedule = deps.schedule ?? RETRY_SCHEDULE_MS;
  const classifyError = deps.classifyError ?? classifySendError;
  const poller = createPoller({ name: 'webhook dispatcher', runOnce, batchSize, pollIntervalMs, logger });

  async function claim(): Promise<{ leaseId: string; rows: ClaimedRow[] }> {
    const now = clock.now();
    const leaseId = newId('lease');
    const { rows } = await db.query<ClaimedRow>(
      `UPDATE webhook_deliveries d SET next_attempt_at = $2, lease_id = $3
       FROM (SELECT id FROM webhook_deliveries
             WHERE status = 'pending' AND next_attempt_at <= $1
             ORDER BY next_attempt_at LIMIT $4 FOR UPDATE SKIP LOCKED) due
       WHERE d.id = due.id
       RETURNING d.id, d.endpoint_id, d.event_id, d.event_type, d.mode, d.resume_at, d.scheduled_attempts`,
      [now, new Date(now.getTime() + leaseMs), leaseId, batchSize],
    );
    return { leaseId, rows };
  }

  async function attempt(row: ClaimedRow, leaseId: string): Promise<void> {
    const { rows: endpoints } = await db.query<EndpointRow>(
      `SELECT url, status, deleted_at, secret_sealed, previous_secret_sealed, previous_secret_expires_at
       FROM webhook_endpoints WHERE id = $1`,
      [row.endpoint_id],
    );
    const endpoint = endpoints[0];
    if (!endpoint || endpoint.status !== 'enabled' || endpoint.deleted_at !== null) {
      await db.query(
        `UPDATE webhook_deliveries SET status = 'cancelled', next_attempt_at = NULL, lease_id = NULL
         WHERE id = $1 AND lease_id = $2`,
        [row.id, leaseId],
      );
      return;
    }
    const { rows: events } = await db.query<{ body: string }>(
      'SELECT body FROM webhook_events WHERE id = $1',
      [row.event_id],
    );
    const body = events[0]?.body;
    if (body === undefined) throw new Error(`webhook event ${row.event_id} is missing`);

    const sentAt = clock.now();
    const keys = [await secrets.open(endpoint.secret_sealed, row.endpoint_id)];
    if (
      endpoint.previous_secret_sealed &&
      endpoint.previous_secret_expires_at &&
      endpoint.previous_secret_expires_at > sentAt
    ) {
      keys.push(await secrets.open(endpoint.previous_secret_sealed, row.endpoint_id));
    }
    const headers = {
      ...signWebhook(keys, row.event_id, sentAt, body),
      'content-type': 'application/json',
      'user-agent': 'Flange-Webhooks/1',
    };

    const started = performance.now();
    const result = await post(endpoint.url, headers, body);
    const durationMs = Math.round(performance.now() - started);
    if (result === 'stopped') {
      // Shutting down mid-send: hand the delivery back at once rather than record a failure we caused.
      await db.query(
        'UPDATE webhook_deliveries SET next_attempt_at = $3, lease_id = NULL WHERE id = $1 AND lease_id = $2',
        [row.id, leaseId, clock.now()],
      );
      return;
    }
    await record(row, leaseId, result, durationMs);
  }

  async function post(
    url: string,
    headers: Record<string, string>,
    body: string,
  ): Promise<Result | 'stopped'> {
    const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), poller.signal]);
    let res: SendResponse;
    try {
      res = await send(url, { method: 'POST', headers, body, redirect: 'manual', signal });
    } catch (error) {
      if (poller.signal.aborted) return 'stopped';
      return { kind: 'error', errorClass: classifyError(error) };
    }
    // The receiver's body is never read: it is not ours to store, and reading it would let a slow body hold us.
    await res.body?.cancel().catch(() => undefined);
    return { kind: 'response', status: res.status, retryAfter: res.headers.get('retry-after') };
  }

  async function record(row: ClaimedRow, leaseId: string, result: Result, durationMs: number): Promise<void> {
    const now = clock.now();
    const manual = row.mode === 'manual';
    const statusCode = result.kind === 'response' ? result.status : null;
    const succeeded = statusCode !== null && statusCode >= 200 && statusCode < 300;
    const gone = statusCode === 410;
    const errorClass: WebhookAttemptErrorClass | null = succeeded
      ? null
      : result.kind === 'error'
        ? result.errorClass
        : statusCode !== null && statusCode >= 300 && statusCode < 400
          ? 'redirect'
          : 'http_status';
    const scheduled = manual ? row.scheduled_attempts : row.scheduled_attempts + 1;

    let status: 'pending' | 'succeeded' | 'failed';
    let next: Date | null = null;
    if (succeeded) status = 'succeeded';
    else if (gone) status = 'failed';
    else if (manual) {
      status = row.resume_at ? 'pending' : 'failed';
      next = row.resume_at;
    } else {
      const delay = nextRetryDelay(scheduled, random, schedule);
      if (delay === null) status = 'failed';
      else {
        status = 'pending';
        const throttled = statusCode === 429 || statusCode === 502 || statusCode === 504;
        const retryAfter =
          throttled && result.kind === 'response' ? parseRetryAfter(result.retryAfter, now) : null;
        next = new Date(now.getTime() + Math.max(delay, retryAfter ?? 0));
      }
    }

    const number = await db.transaction(async (tx) => {
      // The attempt counter moves even if our lease was lost: the attempt happened and must be visible.
      const { rows } = await tx.query<{ attempt_count: number }>(
        `UPDATE webhook_deliveries SET
           attempt_count = attempt_count + 1,
           last_attempt_at = $2,
           scheduled_attempts = CASE WHEN lease_id = $3 THEN $4 ELSE scheduled_attempts END,
           status = CASE WHEN lease_id = $3 THEN $5 ELSE status END,
           next_attempt_at = CASE WHEN lease_id = $3 THEN $6::timestamptz ELSE next_attempt_at END,
           mode = CASE WHEN lease_id = $3 THEN 'auto' ELSE mode END,
           resume_at = CASE WHEN lease_id = $3 THEN NULL ELSE resume_at END,
           lease_id = CASE WHEN lease_id = $3 THEN NULL ELSE lease_id END
         WHERE id = $1
         RETURNING attempt_count`,
        [row.id, now, leaseId, scheduled, status, next],
      );
      const n = rows[0]?.attempt_count ?? 0;
      await tx.query(
        `INSERT INTO webhook_attempts (delivery_id, number, at, status_code, duration_ms, outcome, error_class, manual)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [row.id, n, now, statusCode, durationMs, succeeded ? 'succeeded' : 'failed', errorClass, manual],
      );
      if (gone) {
        // 410 Gone is the receiver saying "stop": disable the endpoint and drop what was still queued for it.
        await tx.query(
          `UPDATE webhook_endpoints SET status = 'disabled', disabled_reason = 'gone' WHERE id = $1`,
          [row.endpoint_id],
        );
        await tx.query(
          `UPDATE webhook_deliveries SET status = 'cancelled', next_attempt_at = NULL, lease_id = NULL
           WHERE endpoint_id = $1 AND status = 'pending' AND id <> $2`,
          [row.endpoint_id, row.id],
        );
      }
      return n;
    });

    const outcome = succeeded ? 'succeeded' : 'failed';
    const entry: AttemptRecord = {
      deliveryId: row.id,
      endpointId: row.endpoint_id,
      eventId: row.event_id,
      eventType: row.event_type,
      number,
      manual,
      outcome,
      statusCode,
      errorClass,
      durationMs,
    };
    const log = {
      delivery_id: row.id,
      endpoint_id: row.endpoint_id,
      event_id: row.event_id,
      event_type: row.event_type,
      attempt: number,
      manual,
      status_code: statusCode,
      duration_ms: durationMs,
      error_class: errorClass,
      next_attempt_at: next?.toISOString() ?? null,
      delivery_status: status,
    };
    if (succeeded) logger.info(log, 'webhook delivered');
    else if (gone) logger.warn(log, 'webhook endpoint answered 410 Gone; endpoint disabled');
    else if (status === 'failed') logger.warn(log, 'webhook delivery failed for good');
    else logger.info(log, 'webhook attempt failed; retry scheduled');
    deps.onAttempt?.(entry);
  }

  /** One round: claim what is due and send it. Resolves with how many deliveries were claimed. */
  async function runOnce(): Promise<number> {
    const { leaseId, rows } = await claim();
    let index = 0;
    const worker = async () => {
      while (index < rows.length) {
        const row = rows[index++]!;
        try {
          await attempt(row, leaseId);
        } catch (error) {
          // The lease brings the delivery back; one broken row must not stop the others.
          logger.error({ delivery_id: row.id, err: errorSummary(error) }, 'webhook attempt could not run');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, worker));
    return rows.length;
  }

  return {
    runOnce,
    /** Start polling; safe to call once. */
    start: poller.start,
    /** Run a round now instead of at the next poll (call after a commit that enqueued events). */
    wake: poller.wake,
    /** Stop polling, abort sends in flight (their deliveries come back at once), and wait for the round. */
    stop: poller.stop,
  };
}
