import type { ValidateOutcome } from '@flange/connectors';
import type { AttemptEvent, ConnectionView, StepEvent, StepId } from '@flange/protocol';
import type { AppContext } from '../context';
import { seal } from '../crypto/envelope';
import { newId } from '../crypto/random';
import { resetBreaker } from '../health/leases';
import { appendEvent } from './attempts';
import type { AttemptJob } from './attempt-runner';
import { connectionView, findConnection, getConnection } from './connections';
import type { LastVerification } from './connections';
import { storeCredentials } from './credentials';
import { issuePublicToken } from './exchange';
import { settleAttempt } from './lockout';

/** A store-time refusal that is the user's to see (the session already connected, the connection was revoked). */
export class StoreConflict extends Error {}

/** When the health monitor (a plugin) first re-checks a connection the flow verified at `now`. */
function firstCheckAt(ctx: AppContext, now: Date): Date | null {
  for (const p of ctx.plugins) {
    if (p.nextCheckAt) return p.nextCheckAt(now);
  }
  return null;
}

/**
 * The `store` step of a validated attempt, in one transaction: credentials encrypted, the connection
 * created (or, for a reconnect, updated and its breaker reset), the public token issued, the webhook queued,
 * the lockout settled and the final events appended. Throws StoreConflict for refusals the user should see.
 */
export async function storeConnection(
  ctx: AppContext,
  job: AttemptJob,
  outcome: Extract<ValidateOutcome, { ok: true }>,
  steps: Map<StepId, LastVerification['steps'][number]>,
  seq: number,
  started: number,
): Promise<void> {
  const { attempt, session } = job;
  const envId = attempt.environment_id;
  const reconnectId = session.reconnect_connection_id;
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const { rows } = await tx.query<{ connection_id: string | null }>(
      'SELECT connection_id FROM connect_sessions WHERE id = $1 FOR UPDATE',
      [session.id],
    );
    if (rows[0]?.connection_id) throw new StoreConflict('This session already connected a system.');
    const storeMs = Date.now() - started;
    const verification: LastVerification = {
      outcome: 'succeeded',
      error_code: null,
      steps: [...steps.values()]
        .filter((s) => s.step !== 'store')
        .concat({ step: 'store', status: 'succeeded', duration_ms: storeMs }),
      at: now.toISOString(),
    };
    const entities = outcome.entities.filter((e) => e.ok).map((e) => ({ id: e.id, label: e.label }));
    const connector = ctx.connectors.get(attempt.system_id);
    // Shown to the host as the next scheduled check; null when no health monitor is installed.
    const nextCheckAt = firstCheckAt(ctx, now);
    let connectionId: string;
    let detail: string;
    let previousStatus: string | null = null;
    if (reconnectId !== null) {
      const c = await findConnection(tx, envId, reconnectId, { forUpdate: true });
      if (!c || c.status === 'revoked')
        throw new StoreConflict('The connection was revoked; it cannot be reconnected.');
      previousStatus = c.status;
      connectionId = c.id;
      detail = 'Connection updated';
      if (c.instance_url !== outcome.instanceUrl) {
        // Same connection, different instance: allowed (migrations move URLs), but said out loud.
        detail = `Connection updated; the instance address changed from ${c.instance_url ?? 'none'} to ${outcome.instanceUrl ?? 'none'}`;
        (job.log ?? ctx.logger).warn(
          { connection_id: c.id, attempt_id: attempt.id },
          'reconnect to a different instance',
        );
      }
      await tx.query(
        `UPDATE connections SET status = 'active', auth_method = $2, instance_url = $3, account = $4::jsonb,
                entities_verified = $5::jsonb, pinned_certificate_sha256 = $6, last_verified_at = $7,
                last_verification = $8::jsonb, updated_at = $7, next_check_at = $9
          WHERE id = $1`,
        [
          c.id,
          attempt.auth_method,
          outcome.instanceUrl,
          JSON.stringify(outcome.account),
          JSON.stringify(entities),
          outcome.pinnedCertificateSha256 ?? null,
          now,
          JSON.stringify(verification),
          nextCheckAt,
        ],
      );
      await resetBreaker(tx, c.id);
    } else {
      connectionId = newId('conn');
      detail = 'Connection saved';
      await tx.query(
        `INSERT INTO connections (id, environment_id, status, system_id, system_name, auth_method, instance_url, account,
                                  entities_verified, end_user_id, end_user, metadata, pinned_certificate_sha256,
                                  last_verified_at, last_verification, created_at, updated_at, next_check_at)
         VALUES ($1, $2, 'active', $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10::jsonb, $11::jsonb, $12, $13, $14::jsonb, $13, $13, $15)`,
        [
          connectionId,
          envId,
          attempt.system_id,
          connector?.summary.name ?? attempt.system_id,
          attempt.auth_method,
          outcome.instanceUrl,
          JSON.stringify(outcome.account),
          JSON.stringify(entities),
          session.end_user_id,
          JSON.stringify(session.end_user),
          JSON.stringify(session.metadata),
          outcome.pinnedCertificateSha256 ?? null,
          now,
          JSON.stringify(verification),
          nextCheckAt,
        ],
      );
    }
    await storeCredentials(tx, ctx, envId, connectionId, outcome.credentials, now);
    const publicToken = await issuePublicToken(tx, ctx, {
      environmentId: envId,
      connectionId,
      attemptId: attempt.id,
      reconnect: reconnectId !== null,
      now,
    });
    const view: ConnectionView = connectionView(await getConnection(tx, envId, connectionId));
    if (reconnectId === null) {
      await ctx.outbox.enqueue(tx, envId, { type: 'connection.created', data: { connection: view } });
    } else if (previousStatus !== 'active') {
      await ctx.outbox.enqueue(tx, envId, { type: 'connection.reauthorized', data: { connection: view } });
    }
    await tx.query('UPDATE connect_sessions SET connection_id = $2 WHERE id = $1', [
      session.id,
      connectionId,
    ]);
    if (attempt.lockout) await settleAttempt(tx, ctx.config.lockout, attempt.lockout, { ok: true }, now);
    await tx.query(
      `UPDATE attempts SET status = 'succeeded', connection_id = $2, public_token_blob = $3::jsonb, finished_at = $4
        WHERE id = $1`,
      [
        attempt.id,
        connectionId,
        JSON.stringify(seal(ctx.keyring, publicToken, { tenant: envId, subject: attempt.id })),
        now,
      ],
    );
    const storeEvent: StepEvent = {
      type: 'step',
      step: 'store',
      status: 'succeeded',
      duration_ms: storeMs,
      detail,
    };
    await appendEvent(tx, attempt.id, seq + 1, storeEvent, now);
    // The token itself lives encrypted on the attempt; the stored event keeps a placeholder.
    const final: AttemptEvent = { type: 'succeeded', public_token: '', connection: view };
    await appendEvent(tx, attempt.id, seq + 2, final, now);
  });
}
