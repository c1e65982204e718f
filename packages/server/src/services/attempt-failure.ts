import type { AttemptError, StepId } from '@flange/protocol';
import type { AppContext } from '../context';
import { appendEvent } from './attempts';
import type { AttemptJob } from './attempt-runner';
import { settleAttempt } from './lockout';

const ENDED_AFTER_SIGN_IN: readonly StepId[] = ['authorize', 'logout', 'store'];

/** The error shown when our side failed at `step`: never the cause, always worth another try. */
export function internalError(step: StepId): AttemptError {
  return {
    code: 'INTERNAL_ERROR',
    step,
    display_message: 'Something went wrong on our side while checking. Please try again in a moment.',
    retryable: true,
  };
}

/**
 * Record a failed attempt in one transaction: the failed step (when the store step broke), the `failed`
 * event, the lockout counters and the attempt row. A failure to record is logged, never thrown: the attempt
 * is over either way.
 */
export async function recordFailure(
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
}
