import type {
  CreateWebhookEndpointBody,
  ListQuery,
  RollWebhookSecretBody,
  UpdateWebhookEndpointBody,
  WebhookEndpointList,
  WebhookEndpointView,
  WebhookEndpointWithSecret,
  WebhookEventFilter,
} from '@flange/protocol';
import type { Db } from '../db/types';
import { decodeCursor, encodeCursor } from '../services/pagination';
import type { Clock } from './deps';
import { ApiError } from '../http/problem';
import { newId } from '../crypto/random';
import type { EnvScope, SecretBox, UrlGuard } from './ports';
import { generateWebhookSecret } from './signature';

/** Enough for staging, production and a few tools per environment; more is almost always a leak. */
export const MAX_ENDPOINTS_PER_ENVIRONMENT = 16;
export const DEFAULT_SECRET_OVERLAP_SECONDS = 24 * 3600;

interface EndpointRow {
  id: string;
  environment_id: string;
  url: string;
  events: string[];
  description: string | null;
  status: 'enabled' | 'disabled';
  disabled_reason: string | null;
  created_at: Date;
  previous_secret_expires_at: Date | null;
}

const COLUMNS =
  'id, environment_id, url, events, description, status, disabled_reason, created_at, previous_secret_expires_at';

export interface EndpointStoreDeps {
  db: Db;
  clock: Clock;
  secrets: SecretBox;
  checkUrl: UrlGuard;
}

export type EndpointStore = ReturnType<typeof createEndpointStore>;

/** The host's webhook endpoints: registration (URL checked), listing, deletion and secret rolling. */
export function createEndpointStore({ db, clock, secrets, checkUrl }: EndpointStoreDeps) {
  function view(scope: EnvScope, row: EndpointRow): WebhookEndpointView {
    const overlap = row.previous_secret_expires_at;
    return {
      id: row.id,
      object: 'webhook_endpoint',
      environment: scope.environment,
      url: row.url,
      events: row.events as WebhookEventFilter[],
      description: row.description,
      status: row.status,
      disabled_reason: row.disabled_reason,
      created_at: row.created_at.toISOString(),
      previous_secret_expires_at: overlap && overlap > clock.now() ? overlap.toISOString() : null,
    };
  }

  async function find(scope: EnvScope, id: string, tx: Db = db, lock = false): Promise<EndpointRow> {
    const { rows } = await tx.query<EndpointRow>(
      `SELECT ${COLUMNS} FROM webhook_endpoints WHERE id = $1 AND environment_id = $2 AND deleted_at IS NULL${lock ? ' FOR UPDATE' : ''}`,
      [id, scope.environmentId],
    );
    const row = rows[0];
    if (!row) throw new ApiError('NOT_FOUND', { detail: `No webhook endpoint ${id} in this environment.` });
    return row;
  }

  return {
    /** Register an endpoint; the answer carries the secret, which is never shown again. */
    async create(scope: EnvScope, body: CreateWebhookEndpointBody): Promise<WebhookEndpointWithSecret> {
      const refused = await checkUrl(body.url);
      if (refused !== null) throw new ApiError('URL_NOT_ALLOWED', { detail: refused, param: 'url' });
      const events = normaliseEvents(body.events);
      const id = newId('whe');
      const secret = generateWebhookSecret();
      const sealed = await secrets.seal(secret, id);
      const row = await db.transaction(async (tx) => {
        // Counting under a lock on the environment's rows keeps two concurrent creates from passing the cap.
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
          `webhook_endpoints:${scope.environmentId}`,
        ]);
        const { rows: count } = await tx.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM webhook_endpoints WHERE environment_id = $1 AND deleted_at IS NULL',
          [scope.environmentId],
        );
        if ((count[0]?.n ?? 0) >= MAX_ENDPOINTS_PER_ENVIRONMENT) {
          throw new ApiError('CONFLICT', {
            detail: `An environment holds at most ${MAX_ENDPOINTS_PER_ENVIRONMENT} webhook endpoints; delete one first.`,
          });
        }
        const { rows } = await tx.query<EndpointRow>(
          `INSERT INTO webhook_endpoints (id, environment_id, url, events, description, secret_sealed, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
          [id, scope.environmentId, body.url, events, body.description ?? null, sealed, clock.now()],
        );
        return rows[0]!;
      });
      return { ...view(scope, row), secret };
    },

    /** One page of endpoints, newest first. */
    async list(scope: EnvScope, query: ListQuery): Promise<WebhookEndpointList> {
      const limit = query.limit ?? 20;
      const params: unknown[] = [scope.environmentId, limit + 1];
      let after = '';
      if (query.cursor !== undefined) {
        const pos = decodeCursor(query.cursor);
        params.push(pos.createdAt, pos.id);
        after = 'AND (created_at, id) < ($3, $4)';
      }
      const { rows } = await db.query<EndpointRow>(
        `SELECT ${COLUMNS} FROM webhook_endpoints WHERE environment_id = $1 AND deleted_at IS NULL ${after}
         ORDER BY created_at DESC, id DESC LIMIT $2`,
        params,
      );
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        data: page.map((r) => view(scope, r)),
        next_cursor:
          rows.length > limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
      };
    },

    async get(scope: EnvScope, id: string): Promise<WebhookEndpointView> {
      return view(scope, await find(scope, id));
    },

    /**
     * Change the fields sent. Disabling cancels the pending deliveries (as a 410 does); enabling clears the
     * reason, so an endpoint that answered 410 once is not lost for good. Events raised while it was
     * disabled were never queued for it: their deliveries, if cancelled, can be retried by hand.
     */
    async update(scope: EnvScope, id: string, body: UpdateWebhookEndpointBody): Promise<WebhookEndpointView> {
      if (body.url !== undefined) {
        const refused = await checkUrl(body.url);
        if (refused !== null) throw new ApiError('URL_NOT_ALLOWED', { detail: refused, param: 'url' });
      }
      const row = await db.transaction(async (tx) => {
        // Locked, so a 410 recorded by the dispatcher meanwhile is not overwritten with a stale status.
        const current = await find(scope, id, tx, true);
        const status = body.status ?? current.status;
        const reason =
          status === 'enabled'
            ? null
            : current.status === 'disabled'
              ? current.disabled_reason
              : 'disabled_by_host';
        const { rows } = await tx.query<EndpointRow>(
          `UPDATE webhook_endpoints SET url = $2, events = $3, description = $4, status = $5, disabled_reason = $6
           WHERE id = $1 RETURNING ${COLUMNS}`,
          [
            id,
            body.url ?? current.url,
            body.events !== undefined ? normaliseEvents(body.events) : current.events,
            body.description !== undefined ? body.description : current.description,
            status,
            reason,
          ],
        );
        if (status === 'disabled' && current.status === 'enabled') {
          await tx.query(
            `UPDATE webhook_deliveries SET status = 'cancelled', next_attempt_at = NULL, lease_id = NULL
             WHERE endpoint_id = $1 AND status = 'pending'`,
            [id],
          );
        }
        return rows[0]!;
      });
      return view(scope, row);
    },

    /** Delete an endpoint; deliveries already made stay visible, pending ones are cancelled. */
    async remove(scope: EnvScope, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        await find(scope, id, tx);
        await tx.query('UPDATE webhook_endpoints SET deleted_at = $2 WHERE id = $1', [id, clock.now()]);
        await tx.query(
          `UPDATE webhook_deliveries SET status = 'cancelled', next_attempt_at = NULL, lease_id = NULL
           WHERE endpoint_id = $1 AND status = 'pending'`,
          [id],
        );
      });
    },

    /**
     * Replace the secret. The old one keeps signing beside the new one until the overlap ends, so the host
     * can deploy the new secret without missing a webhook.
     */
    async rollSecret(
      scope: EnvScope,
      id: string,
      body: RollWebhookSecretBody,
    ): Promise<WebhookEndpointWithSecret> {
      const overlapMs = (body.expires_in_seconds ?? DEFAULT_SECRET_OVERLAP_SECONDS) * 1000;
      const secret = generateWebhookSecret();
      const sealed = await secrets.seal(secret, id);
      const row = await db.transaction(async (tx) => {
        await find(scope, id, tx);
        const { rows } = await tx.query<EndpointRow>(
          `UPDATE webhook_endpoints
           SET previous_secret_sealed = CASE WHEN $3::bigint > 0 THEN secret_sealed END,
               previous_secret_expires_at = CASE WHEN $3::bigint > 0 THEN $4::timestamptz END,
               secret_sealed = $2
           WHERE id = $1 RETURNING ${COLUMNS}`,
          [id, sealed, overlapMs, new Date(clock.now().getTime() + overlapMs)],
        );
        return rows[0]!;
      });
      return { ...view(scope, row), secret };
    },
  };
}

/** `*` swallows every explicit type; duplicates go. */
function normaliseEvents(events: readonly WebhookEventFilter[] | undefined): WebhookEventFilter[] {
  if (!events || events.includes('*')) return ['*'];
  return [...new Set(events)];
}
