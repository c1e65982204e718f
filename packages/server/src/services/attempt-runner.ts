import { AttemptError } from '@flange/protocol';
import type { ErrorCode, StepEvent, StepId, StepStatus } from '@flange/protocol';
import type { AppContext } from '../context';
import type { Logger } from '../logger';
import { internalError, recordFailure } from './attempt-failure';
import { runPipeline } from './attempt-pipeline';
import { StoreConflict, storeConnection } from './attempt-store';
import { appendEvent } from './attempts';
import type { AttemptRow } from './attempts';
import type { LastVerification } from './connections';
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

/**
 * Runs attempts in the background: the connectors' pipeline (attempt-pipeline), each step event stored as it
 * happens, then the `store` step (attempt-store) or the failure (attempt-failure), observers told of both.
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
    const steps = new Map<StepId, LastVerification['steps'][number]>();

    const record = (e: StepEvent) => {
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

    const { outcome, lastStep } = await runPipeline(ctx, job, signal, record, log);
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
      await storeConnection(ctx, job, outcome, steps, seq, started);
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

  async #fail(
    ctx: AppContext,
    job: AttemptJob,
    error: AttemptError,
    seq: number,
    failedStep?: { step: StepId; started: number },
  ): Promise<void> {
    const { attempt } = job;
    await recordFailure(ctx, job, error, seq, failedStep);
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
