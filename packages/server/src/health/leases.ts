import { newId } from '../crypto/random';
import type { Db } from '../db/types';
import { ApiError } from '../http/problem';
import { getConnection } from '../services/connections';
import type { Breaker } from './breaker';
import type { HealthPolicy } from './policy';

/** A connection's breaker state and the lease of a running check (table connection_health). */
export interface HealthRow {
  connection_id: string;
  environment_id: string;
  lease_id: string | null;
  lease_until: Date | null;
  breaker: Breaker;
  consecutive_failures: number;
  opened_at: Date | null;
  last_checked_at: Date | null;
}

/** A connection is checked when it is active or degraded; the other states wait for the end user. */
const MONITORED = `('active', 'degraded')`;

/** When a connection is due: its next_check_at, or one interval after its last verification when unset. */
const DUE = `COALESCE(c.next_check_at, COALESCE(c.last_verified_at, c.created_at) + $2::double precision * interval '1 second')`;

/**
 * Claim up to `limit` due checks under one lease. FOR UPDATE SKIP LOCKED on connection_health keeps two
 * instances off the same row, and the lease keeps them off it until the check is recorded or the lease ends.
 * A claimed open breaker becomes half-open: this check is its probe.
 */
export async function claimDueChecks(
  db: Db,
  now: Date,
  policy: HealthPolicy,
  limit: number,
): Promise<{ leaseId: string; rows: { connection_id: string; environment_id: string }[] }> {
  const leaseId = newId('lease');
  const intervalSeconds = policy.intervalMs / 1000;
  // Give due connections their breaker row first, so the claim below locks rows of one table only.
  await db.query(
    `INSERT INTO connection_health (connection_id, environment_id)
     SELECT c.id, c.environment_id FROM connections c
      WHERE c.status IN ${MONITORED} AND ${DUE} <= $1
        AND NOT EXISTS (SELECT 1 FROM connection_health h WHERE h.connection_id = c.id)
      LIMIT $3
     ON CONFLICT (connection_id) DO NOTHING`,
    [now, intervalSeconds, limit],
  );
  const { rows } = await db.query<{ connection_id: string; environment_id: string }>(
    `UPDATE connection_health h
        SET lease_id = $3, lease_until = $4,
            breaker = CASE WHEN h.breaker = 'open' THEN 'half_open' ELSE h.breaker END
       FROM (SELECT h2.connection_id FROM connection_health h2 JOIN connections c ON c.id = h2.connection_id
              WHERE c.status IN ${MONITORED} AND ${DUE} <= $1
                AND (h2.lease_until IS NULL OR h2.lease_until <= $1)
              ORDER BY ${DUE} LIMIT $5
              FOR UPDATE OF h2 SKIP LOCKED) due
      WHERE h.connection_id = due.connection_id
      RETURNING h.connection_id, h.environment_id`,
    [now, intervalSeconds, leaseId, new Date(now.getTime() + policy.leaseMs), limit],
  );
  return { leaseId, rows };
}

/**
 * Start a connection's breaker afresh when its credentials are replaced (a reconnect, which also
 * reauthorizes): failures counted against the old credentials say nothing about the new ones. The row goes
 * with its lease, so a check still running with the old credentials is not recorded either. Runs inside the
 * transaction that stores the new credentials.
 */
export async function resetBreaker(tx: Db, connectionId: string): Promise<void> {
  await tx.query('DELETE FROM connection_health WHERE connection_id = $1', [connectionId]);
}

/** Hand a claimed check back unrecorded (shutdown): due again at once, the breaker as it was. */
export async function releaseCheck(db: Db, connectionId: string, leaseId: string): Promise<void> {
  await db.query(
    `UPDATE connection_health SET lease_id = NULL, lease_until = NULL,
       breaker = CASE WHEN breaker = 'half_open' THEN 'open' ELSE breaker END
     WHERE connection_id = $1 AND lease_id = $2`,
    [connectionId, leaseId],
  );
}

/**
 * Lease one connection for an on-demand check, or refuse: unknown (404), revoked (409), needing
 * reauthorization (403 with the reconnect hint: rejected credentials are never tried again), a check already
 * running (409), or, while the breaker is open, a probe less than `probeIntervalMs` ago (429 + Retry-After).
 */
export async function leaseOnDemand(
  db: Db,
  now: Date,
  policy: HealthPolicy,
  probeIntervalMs: number,
  environmentId: string,
  connectionId: string,
): Promise<string> {
  const leaseId = newId('lease');
  await db.transaction(async (tx) => {
    const conn = await getConnection(tx, environmentId, connectionId, { forUpdate: true });
    if (conn.status === 'revoked') throw new ApiError('CONFLICT', { detail: 'The connection was revoked.' });
    if (conn.status === 'reauthorization_required') {
      throw new ApiError('REAUTHORIZATION_REQUIRED', {
        detail: 'The stored credentials were rejected; they are not tried again.',
        hint: `Create a connect session with reconnect_connection_id "${connectionId}" to reconnect.`,
      });
    }
    await tx.query(
      `INSERT INTO connection_health (connection_id, environment_id) VALUES ($1, $2)
       ON CONFLICT (connection_id) DO NOTHING`,
      [connectionId, environmentId],
    );
    const { rows } = await tx.query<HealthRow>(
      'SELECT * FROM connection_health WHERE connection_id = $1 FOR UPDATE',
      [connectionId],
    );
    const state = rows[0]!;
    if (state.lease_until !== null && state.lease_until > now) {
      throw new ApiError('CONFLICT', {
        detail: 'A check of this connection is running; try again in a moment.',
      });
    }
    if (state.breaker !== 'closed' && state.last_checked_at) {
      const wait = state.last_checked_at.getTime() + probeIntervalMs - now.getTime();
      if (wait > 0) {
        const retryAfter = Math.ceil(wait / 1000);
        throw new ApiError('RATE_LIMIT_EXCEEDED', {
          detail: `The instance is unreachable and was checked moments ago; the next check can run in ${retryAfter} s.`,
          retry_after: retryAfter,
        });
      }
    }
    await tx.query(
      `UPDATE connection_health SET lease_id = $2, lease_until = $3,
         breaker = CASE WHEN breaker = 'open' THEN 'half_open' ELSE breaker END
       WHERE connection_id = $1`,
      [connectionId, leaseId, new Date(now.getTime() + policy.leaseMs)],
    );
  });
  return leaseId;
}
