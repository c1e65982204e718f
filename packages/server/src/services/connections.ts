import type {
  Account,
  ConnectionStatus,
  ConnectionView,
  EndUser,
  Environment,
  ListConnectionsQuery,
  StepId,
  StepStatus,
} from '@flange/protocol';
import type { AppContext } from '../context';
import type { Db } from '../db/types';
import { ApiError } from '../http/problem';
import type { CachedConnection, ConnectionCache } from './connection-cache';
import { decodeCursor, encodeCursor } from './pagination';

/** The outcome of a verification (at connect time, or by the health monitor), as stored. */
export interface LastVerification {
  outcome: 'succeeded' | 'failed';
  error_code: string | null;
  steps: { step: StepId; status: StepStatus; duration_ms?: number }[];
  at: string;
}

/** A connection as stored, with its environment kind. */
export interface ConnectionRow {
  id: string;
  environment_id: string;
  environment: Environment;
  status: ConnectionStatus;
  system_id: string;
  system_name: string;
  auth_method: string;
  instance_url: string | null;
  account: Account;
  entities_verified: { id: string; label: string }[];
  end_user_id: string;
  end_user: EndUser;
  metadata: Record<string, string>;
  pinned_certificate_sha256: string | null;
  last_verified_at: Date | null;
  last_verification: LastVerification | null;
  next_check_at: Date | null;
  created_at: Date;
  updated_at: Date;
  revoked_at: Date | null;
}

export const CONNECTION_SELECT = `
  SELECT c.id, c.environment_id, e.kind AS environment, c.status, c.system_id, c.system_name, c.auth_method,
         c.instance_url, c.account, c.entities_verified, c.end_user_id, c.end_user, c.metadata,
         c.pinned_certificate_sha256, c.last_verified_at, c.last_verification, c.next_check_at,
         c.created_at, c.updated_at, c.revoked_at
    FROM connections c JOIN environments e ON e.id = c.environment_id`;

/** The API view of a connection: never a credential, never a token. */
export function connectionView(c: ConnectionRow): ConnectionView {
  return {
    id: c.id,
    object: 'connection',
    environment: c.environment,
    status: c.status,
    reauthorization_required: c.status === 'reauthorization_required',
    system: { id: c.system_id, name: c.system_name },
    auth_method: c.auth_method,
    instance_url: c.instance_url,
    end_user: {
      id: c.end_user.id,
      name: c.end_user.name ?? null,
      organization: c.end_user.organization ?? null,
    },
    account: c.account,
    entities_verified: c.entities_verified,
    created_at: c.created_at.toISOString(),
    last_verified_at: c.last_verified_at?.toISOString() ?? null,
    next_check_at: c.next_check_at?.toISOString() ?? null,
    last_verification: c.last_verification,
    metadata: c.metadata,
  };
}

/** One connection of an environment, optionally locked for update inside a transaction. */
export async function findConnection(
  db: Db,
  environmentId: string,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<ConnectionRow | null> {
  const { rows } = await db.query<ConnectionRow>(
    `${CONNECTION_SELECT} WHERE c.id = $1 AND c.environment_id = $2${opts.forUpdate ? ' FOR UPDATE OF c' : ''}`,
    [id, environmentId],
  );
  return rows[0] ?? null;
}

/** Like findConnection, but a missing connection is a 404 problem. */
export async function getConnection(
  db: Db,
  environmentId: string,
  id: string,
  opts: { forUpdate?: boolean } = {},
) {
  const c = await findConnection(db, environmentId, id, opts);
  if (!c) throw new ApiError('NOT_FOUND', { detail: 'No connection with this id in this environment.' });
  return c;
}

/** A connection's view and JSON text, from `cache` when it holds it (GET /v1/connection's hot path). */
export async function cachedConnection(
  db: Db,
  cache: ConnectionCache,
  environmentId: string,
  id: string,
): Promise<CachedConnection> {
  const hit = cache.connection(environmentId, id);
  if (hit !== undefined) return hit;
  const epoch = cache.epoch();
  const c = await getConnection(db, environmentId, id);
  return cache.rememberConnection(epoch, environmentId, connectionView(c));
}

/** A page of connections, newest first. */
export async function listConnections(
  db: Db,
  environmentId: string,
  q: ListConnectionsQuery,
): Promise<{ data: ConnectionView[]; next_cursor: string | null }> {
  const limit = q.limit ?? 20;
  const params: unknown[] = [environmentId];
  const where = ['c.environment_id = $1'];
  if (q.end_user_id !== undefined) {
    params.push(q.end_user_id);
    where.push(`c.end_user_id = $${params.length}`);
  }
  if (q.status !== undefined) {
    params.push(q.status);
    where.push(`c.status = $${params.length}`);
  }
  if (q.cursor !== undefined) {
    const cur = decodeCursor(q.cursor);
    params.push(cur.createdAt, cur.id);
    where.push(`(c.created_at, c.id) < ($${params.length - 1}, $${params.length})`);
  }
  params.push(limit + 1);
  const { rows } = await db.query<ConnectionRow>(
    `${CONNECTION_SELECT} WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    data: page.map(connectionView),
    next_cursor:
      rows.length > limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
  };
}

/**
 * Revoke: status `revoked`, credentials deleted, every token and unexchanged public token dead, all in
 * one transaction with the `connection.revoked` event. Revoking twice answers the revoked connection.
 */
export async function revokeConnection(
  ctx: AppContext,
  environmentId: string,
  id: string,
): Promise<ConnectionView> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const c = await getConnection(tx, environmentId, id, { forUpdate: true });
    if (c.status === 'revoked') return connectionView(c);
    await tx.query(
      `UPDATE connections SET status = 'revoked', revoked_at = $2, updated_at = $2 WHERE id = $1`,
      [id, now],
    );
    await tx.query('DELETE FROM credentials WHERE connection_id = $1', [id]);
    await tx.query(
      'UPDATE connection_tokens SET revoked_at = $2 WHERE connection_id = $1 AND revoked_at IS NULL',
      [id, now],
    );
    await tx.query(
      'UPDATE public_tokens SET expires_at = $2 WHERE connection_id = $1 AND used_at IS NULL AND expires_at > $2',
      [id, now],
    );
    await ctx.connectionCache.changed(tx, id);
    const view = connectionView({ ...c, status: 'revoked', revoked_at: now, updated_at: now });
    await ctx.outbox.enqueue(tx, environmentId, { type: 'connection.revoked', data: { connection: view } });
    ctx.logger.info({ connection_id: id }, 'connection revoked');
    return view;
  });
}
