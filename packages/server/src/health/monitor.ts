import type { ConnectionStatus, ConnectionView } from '@flange/protocol';
import type { Db } from '../db/types';
import { ApiError } from '../http/problem';
import {
  connectionView,
  findConnection,
  getConnection,
  type LastVerification,
} from '../services/connections';
import type { Outbox } from '../services/outbox';
import type { Clock, Logger } from '../webhooks/deps';
import { decideCheck, type Breaker, type CheckOutcome } from './breaker';
import { classifyFailure, DEFAULT_HEALTH_POLICY, type HealthPolicy } from './policy';
import type { VerifyConnection, VerifyOutcome } from './ports';
import { transitionEvent } from './transitions';
import { claimDueChecks, leaseOnDemand, releaseCheck, type HealthRow } from './leases';
import { createPoller, errorSummary } from '../webhooks/poller';

export type CheckSource = 'schedule' | 'on_demand';

/** What one check decided, for metrics, logs and tests. */
export interface CheckReport {
  connectionId: string;
  source: CheckSource;
  outcome: CheckOutcome;
  from: ConnectionStatus;
  to: ConnectionStatus;
  breaker: Breaker;
  nextCheckAt: Date | null;
}

export interface HealthMonitorDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  verify: VerifyConnection;
  outbox: Outbox;
  policy?: Partial<HealthPolicy>;
  random?: () => number;
  batchSize?: number;
  concurrency?: number;
  pollIntervalMs?: number;
  /** Upper bound on one verification (the pipeline has its own, shorter timeouts). */
  checkTimeoutMs?: number;
  /** While the breaker is open, on-demand checks are half-open probes at most this often. */
  onDemandProbeIntervalMs?: number;
  onCheck?: (report: CheckReport) => void;
  /** Called inside the transaction that wrote a connection's new state (the connection cache drops it). */
  connectionChanged?: (tx: Db, connectionId: string) => Promise<void>;
}

export type HealthMonitor = ReturnType<typeof createHealthMonitor>;

/**
 * Re-verifies connections on a schedule (connections.next_check_at) and on demand. An authentication failure
 * moves a connection to `reauthorization_required`; an unreachable system degrades it behind a per-connection
 * circuit breaker (closed → open after repeated failures → half-open probe after a growing cool-down → closed
 * on success), and it recovers by itself. Every transition is written with its webhook in one transaction.
 * Checks are claimed with FOR UPDATE SKIP LOCKED and a lease, so instances share them and a crash loses none.
 */
export function createHealthMonitor(deps: HealthMonitorDeps) {
  const { db, clock, logger, verify, outbox } = deps;
  const policy: HealthPolicy = { ...DEFAULT_HEALTH_POLICY, ...deps.policy };
  const random = deps.random ?? Math.random;
  const batchSize = deps.batchSize ?? 10;
  const concurrency = deps.concurrency ?? 4;
  const pollIntervalMs = deps.pollIntervalMs ?? 5000;
  const checkTimeoutMs = deps.checkTimeoutMs ?? 60_000;
  const onDemandProbeIntervalMs = deps.onDemandProbeIntervalMs ?? 30_000;

  const poller = createPoller({ name: 'health monitor', runOnce, batchSize, pollIntervalMs, logger });

  async function runVerify(
    connection: {
      id: string;
      environmentId: string;
    },
    log: Logger = logger,
  ): Promise<VerifyOutcome | 'stopped'> {
    const signal = AbortSignal.any([AbortSignal.timeout(checkTimeoutMs), poller.signal]);
    try {
      return await verify(connection, signal);
    } catch (error) {
      if (poller.signal.aborted) return 'stopped';
      log.error({ connection_id: connection.id, err: errorSummary(error) }, 'health check could not run');
      return { ok: false, code: 'INTERNAL_ERROR', displayMessage: null, steps: [] };
    }
  }

  /** Apply one verification: status, check, schedule, breaker and webhook in one transaction. */
  async function apply(
    health: { connection_id: string; environment_id: string },
    leaseId: string,
    result: VerifyOutcome,
    source: CheckSource,
    log: Logger = logger,
  ): Promise<ConnectionView | null> {
    const id = health.connection_id;
    const done = await db.transaction(async (tx) => {
      const { rows } = await tx.query<HealthRow>(
        'SELECT * FROM connection_health WHERE connection_id = $1 AND lease_id = $2 FOR UPDATE',
        [id, leaseId],
      );
      const state = rows[0];
      // Our lease ran out and another instance took the check over: its result is the one that counts.
      if (!state) return null;
      const conn = await findConnection(tx, state.environment_id, id, { forUpdate: true });
      if (!conn || (conn.status !== 'active' && conn.status !== 'degraded')) {
        // Revoked, or a failed use flagged it meanwhile: nothing to decide until a reconnect.
        await tx.query(
          'UPDATE connection_health SET lease_id = NULL, lease_until = NULL WHERE connection_id = $1',
          [id],
        );
        return null;
      }

      const now = clock.now();
      const outcome: CheckOutcome = result.ok ? 'ok' : classifyFailure(result.code);
      const decision = decideCheck(
        conn.status,
        {
          breaker: state.breaker,
          consecutiveFailures: state.consecutive_failures,
          openedAt: state.opened_at,
        },
        outcome,
        now,
        policy,
        random,
      );
      const { status: to, breaker, nextCheckAt: next } = decision;

      const verification: LastVerification = {
        outcome: result.ok ? 'succeeded' : 'failed',
        error_code: result.ok ? null : result.code,
        steps: result.steps.map(({ step, status, duration_ms }) =>
          duration_ms === undefined ? { step, status } : { step, status, duration_ms },
        ),
        at: now.toISOString(),
      };
      const entities = result.ok && result.entities ? JSON.stringify(result.entities) : null;
      await tx.query(
        `UPDATE connections SET status = $2, last_verification = $3::jsonb, next_check_at = $4, updated_at = $5,
           last_verified_at = CASE WHEN $6::boolean THEN $5 ELSE last_verified_at END,
           entities_verified = COALESCE($7::jsonb, entities_verified)
         WHERE id = $1`,
        [id, to, JSON.stringify(verification), next, now, result.ok, entities],
      );
      await deps.connectionChanged?.(tx, id);
      const view = connectionView(await getConnection(tx, state.environment_id, id));
      const event = transitionEvent(
        conn.status,
        view,
        result.ok ? null : { code: result.code, displayMessage: result.displayMessage },
      );
      if (event) await outbox.enqueue(tx, state.environment_id, event);
      await tx.query(
        `UPDATE connection_health SET lease_id = NULL, lease_until = NULL, breaker = $2, consecutive_failures = $3,
           opened_at = $4, last_checked_at = $5, last_outcome = $6, last_error_code = $7
         WHERE connection_id = $1`,
        [
          id,
          breaker,
          decision.consecutiveFailures,
          decision.openedAt,
          now,
          outcome,
          result.ok ? null : result.code,
        ],
      );
      const report: CheckReport = {
        connectionId: id,
        source,
        outcome,
        from: conn.status,
        to,
        breaker,
        nextCheckAt: next,
      };
      return { report, view };
    });
    if (!done) return null;
    const { report } = done;
    const fields = {
      connection_id: id,
      source,
      outcome: report.outcome,
      from: report.from,
      to: report.to,
      breaker: report.breaker,
      next_check_at: report.nextCheckAt?.toISOString() ?? null,
      error_code: result.ok ? null : result.code,
    };
    if (report.from !== report.to) log.warn(fields, `connection ${report.from} → ${report.to}`);
    else log.info(fields, 'connection checked');
    deps.onCheck?.(report);
    return done.view;
  }

  const claimDue = () => claimDueChecks(db, clock.now(), policy, batchSize);
  const release = (connectionId: string, leaseId: string) => releaseCheck(db, connectionId, leaseId);

  async function runOnce(): Promise<number> {
    const { leaseId, rows } = await claimDue();
    let index = 0;
    const worker = async () => {
      while (index < rows.length) {
        const row = rows[index++]!;
        try {
          const result = await runVerify({ id: row.connection_id, environmentId: row.environment_id });
          if (result === 'stopped') await release(row.connection_id, leaseId);
          else await apply(row, leaseId, result, 'schedule');
        } catch (error) {
          // The lease brings the check back; one broken row must not stop the others.
          logger.error(
            { connection_id: row.connection_id, err: errorSummary(error) },
            'health check failed to record',
          );
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, worker));
    return rows.length;
  }

  return {
    /** One round: claim the checks that are due and run them. Resolves with how many were claimed. */
    runOnce,

    /**
     * Verify one connection now (POST /v1/connections/:id/verify) and answer it as it is afterwards.
     * Refuses while a check is running, while reauthorization is needed (retrying rejected credentials is how
     * accounts get locked), and, while the breaker is open, more than one probe per interval. `log` is the
     * request's logger, so the check's lines carry its request id.
     */
    async verifyNow(
      environmentId: string,
      connectionId: string,
      log: Logger = logger,
    ): Promise<ConnectionView> {
      const leaseId = await leaseOnDemand(
        db,
        clock.now(),
        policy,
        onDemandProbeIntervalMs,
        environmentId,
        connectionId,
      );
      const result = await runVerify({ id: connectionId, environmentId }, log);
      if (result === 'stopped') {
        await release(connectionId, leaseId);
        throw new ApiError('SERVICE_UNAVAILABLE', { detail: 'The server is shutting down; try again.' });
      }
      const view = await apply(
        { connection_id: connectionId, environment_id: environmentId },
        leaseId,
        result,
        'on_demand',
        log,
      );
      if (!view)
        throw new ApiError('CONFLICT', { detail: 'The connection changed during the check; read it again.' });
      return view;
    },

    /** Start the scheduled checks; safe to call once. */
    start: poller.start,

    /** Stop scheduling, abort checks in flight (their connections come back due at once), wait for the round. */
    stop: poller.stop,
  };
}
