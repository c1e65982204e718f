import type { ValidateOutcome } from '@flange/connectors';
import { AttemptError } from '@flange/protocol';
import type {
  AttemptEvent,
  ConnectionView,
  ErrorCode,
  StepEvent,
  StepId,
  StepStatus,
} from '@flange/protocol';
import type { AppContext } from '../context';
import type { Logger } from '../logger';
import { seal } from '../crypto/envelope';
import { storeCredentials } from './credentials';
import { newId } from '../crypto/random';
import { appendEvent } from './attempts';
import type { AttemptRow } from './attempts';
import { connectionView, findConnection, getConnection } from './connections';
import type { LastVerification } from './connections';
import { issuePublicToken } from './exchange';
import { settleAttempt } from './lockout';
import type { SessionRow } from './sessions';

/** What the runner needs to validate one attempt. */
export interface AttemptJob {
  attempt: AttemptRow;
  session: SessionRow;
  /** Values checked against the field spec; kept in memory only, encrypted when stored. */
  values: Record<string, string>;
  trustedCertificateSha256?: string;
  /** The starting request's logger: the attempt's lines carry its request id. */
  log?: Logger;
}

/** Sees step timings and outcomes of attempts (metrics). Called synchronously; a throw is ignored. */
export interface AttemptObserver {
  step?(e: { systemId: string; step: StepId; status: StepStatus; durationMs: number | undefined }): void;
  finished?(e: { systemId: string; outcome: 'succeeded' | 'failed'; code: ErrorCode | null }): void;
}

/** A store-time refusal that is the user's to see (the session already connected, the connection was revoked). */
class StoreConflict extends Error {}

const ENDED_AFTER_SIGN_IN: readonly StepId[] = ['authorize', 'logout', 'store'];

function internalError(step: StepId): AttemptError {
  return {
    code: 'INTERNAL_ERROR',
    step,
    display_message: 'Something went wrong on our side while checking. Please try again in a moment.',
    retryable: true,
  };
}

/** When the health monitor (a plugin) first re-checks a connection the flow verified at `now`. */
function firstCheckAt(ctx: AppContext, now: Date): Date | null {
  for (const p of ctx.plugins) {
    if (p.nextCheckAt) return p.nextCheckAt(now);
  }
  return null;
}

/**
 * Runs attempts in the background: the connectors' pipeline, each step event stored as it happens,
 * then the `store` step (credentials encrypted, connection written, public token issued, all in one
 * transaction) or the failure, and the lockout counters settled.
 */
export class AttemptRunner {
  readonly #running = new Map<string, { abort: AbortController; done: Promise<void> }>();
  readonly #observers: readonly AttemptObserver[];

  constructor(observers: readonly AttemptObserver[] = []) {
    this.#observers = observers;
  }

  #observe(call: (o: AttemptObserver) => void): void {
    for (const o of this.#observers) {
      try {
        call(o);
      } catch {
        // Metrics must never break an attempt.
      }
    }
  }

  isRunning(attemptId: string): boolean {
    return this.#running.has(attemptId);
  }

  /** Start validating in the background; the SSE stream and the attempt state report progress. */
  start(ctx: AppContext, job: AttemptJob): void {
    const abort = new AbortController();
    const done = this.#run(ctx, job, abort.signal)
      .catch((err: unknown) =>
        (job.log ?? ctx.logger).error({ err, attempt_id: job.attempt.id }, 'attempt runner crashed'),
      )
      .finally(() => this.#running.delete(job.attempt.id));
    this.#running.set(job.attempt.id, { abort, done });
  }

  /** Wait for every running attempt (they are aborted first when `abort` is set). */
  async drain(opts: { abort: boolean } = { abort: false }): Promise<void> {
    const all = [...this.#running.values()];
    if (opts.abort) for (const r of all) r.abort.abort(new Error('server shutting down'));
    await Promise.all(all.map((r) => r.done));
  }

  async #run(ctx: AppContext, job: AttemptJob, signal: AbortSignal): Promise<void> {
    const { attempt } = job;
    const log = (job.log ?? ctx.logger).child({ attempt_id: attempt.id, system_id: attempt.system_id });
    let seq = 0;
    let writes: Promise<void> = Promise.resolve();
    let finished = false;
    let lastStep: StepId = 'resolve';
    const steps = new Map<StepId, LastVerification['steps'][number]>();

    const record = (e: StepEvent) => {
      lastStep = e.step;
      this.#observe((o) =>
        o.step?.({ systemId: attempt.system_id, step: e.step, status: e.status, durationMs: e.duration_ms }),
      );
      steps.set(e.step, {
        step: e.step,
        status: e.status,
        ...(e.duration_ms !== undefined ? { duration_ms: e.duration_ms } : {}),
      });
      const n = ++seq;
      writes = writes
        .then(() => appendEvent(ctx.db, attempt.id, n, e, ctx.clock.now()))
        .then(() => ctx.hub.notify(attempt.id))
        .catch((err: unknown) => log.error({ err }, 'could not store a step event'));
    };

    const timeoutMs = ctx.config.attemptTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const inner = new AbortController();
    signal.addEventListener('abort', () => inner.abort(signal.reason), { once: true });
    const timedOut = new Promise<ValidateOutcome>((resolve) => {
      timer = setTimeout(() => {
        inner.abort(new Error('attempt timed out'));
        resolve({
          ok: false,
          error: {
            code: 'UPSTREAM_TIMEOUT',
            step: lastStep,
            display_message: 'Your system took too long to answer. Please try again in a moment.',
            retryable: true,
          },
        });
      }, timeoutMs);
    });

    let outcome: ValidateOutcome;
    try {
      outcome = await Promise.race([
        ctx.connectors.validate(
          {
            systemId: attempt.system_id,
            authMethod: attempt.auth_method,
            values: job.values,
            signal: inner.signal,
            ...(job.trustedCertificateSha256 !== undefined
              ? { trustedCertificateSha256: job.trustedCertificateSha256 }
              : {}),
          },
          (e) => {
            if (!finished) record(e);
          },
        ),
        timedOut,
      ]);
    } catch (err) {
      log.error({ err }, 'validation pipeline threw');
      outcome = { ok: false, error: internalError(lastStep) };
    } finally {
      finished = true;
      clearTimeout(timer);
    }
    await writes;

    if (!outcome.ok) {
      const parsed = AttemptError.safeParse(outcome.error);
      if (!parsed.success) log.error({ issues: parsed.error.issues }, 'connector returned a malformed error');
      await this.#fail(ctx, job, parsed.success ? parsed.data : internalError(lastStep), seq);
      return;
    }

    record({ type: 'step', step: 'store', status: 'running' });
    await writes;
    const started = Date.now();
    try {
      await this.#store(ctx, job, outcome, steps, seq, started);
      const durationMs = Date.now() - started;
      this.#observe((o) => {
        o.step?.({ systemId: attempt.system_id, step: 'store', status: 'succeeded', durationMs });
        o.finished?.({ systemId: attempt.system_id, outcome: 'succeeded', code: null });
      });
      log.info({ connection_reconnect: job.session.reconnect_connection_id !== null }, 'attempt succeeded');
    } catch (err) {
      if (!(err instanceof StoreConflict)) log.error({ err }, 'storing the connection failed');
      const error: AttemptError =
        err instanceof StoreConflict
          ? { code: 'CONFLICT', step: 'store', display_message: err.message, retryable: false }
          : internalError('store');
      await this.#fail(ctx, job, error, seq, { step: 'store', started });
    }
    ctx.hub.notify(attempt.id);
  }

  async #store(
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

  async #fail(
    ctx: AppContext,
    job: AttemptJob,
    error: AttemptError,
    seq: number,
    failedStep?: { step: StepId; started: number },
  ): Promise<void> {
    const { attempt } = job;
    try {
      await ctx.db.transaction(async (tx) => {
        const now = ctx.clock.now();
        let n = seq;
        if (failedStep) {
          await appendEvent(
            tx,
            attempt.id,
            ++n,
            {
              type: 'step',
              step: failedStep.step,
              status: 'failed',
              duration_ms: Date.now() - failedStep.started,
            },
            now,
          );
        }
        await appendEvent(tx, attempt.id, ++n, { type: 'failed', error }, now);
        if (attempt.lockout)
          await settleAttempt(tx, ctx.config.lockout, attempt.lockout, { ok: false, error }, now);
        await tx.query(
          `UPDATE attempts SET status = 'failed', error_code = $2, finished_at = $3 WHERE id = $1`,
          [attempt.id, error.code, now],
        );
      });
      (job.log ?? ctx.logger).info(
        {
          attempt_id: attempt.id,
          code: error.code,
          step: error.step,
          after_sign_in: ENDED_AFTER_SIGN_IN.includes(error.step),
        },
        'attempt failed',
      );
    } catch (err) {
      (job.log ?? ctx.logger).error({ err, attempt_id: attempt.id }, 'could not record a failed attempt');
    }
    this.#observe((o) => {
      if (failedStep) {
        const durationMs = Date.now() - failedStep.started;
        o.step?.({ systemId: attempt.system_id, step: failedStep.step, status: 'failed', durationMs });
      }
      o.finished?.({ systemId: attempt.system_id, outcome: 'failed', code: error.code });
    });
    ctx.hub.notify(attempt.id);
  }
}
