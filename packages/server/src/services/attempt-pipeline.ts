import type { ValidateOutcome } from '@flange/connectors';
import type { StepEvent, StepId } from '@flange/protocol';
import type { AppContext } from '../context';
import type { Logger } from '../logger';
import { internalError } from './attempt-failure';
import type { AttemptJob } from './attempt-runner';

/** The pipeline's outcome and the last step it reported (where a timeout or a crash is charged). */
export interface PipelineResult {
  outcome: ValidateOutcome;
  lastStep: StepId;
}

/**
 * Run the connectors' validation pipeline for one attempt under the attempt deadline. Step events go to
 * `onStep` until the pipeline settles (late ones from an aborted pipeline are dropped); a timeout becomes
 * UPSTREAM_TIMEOUT and a throw INTERNAL_ERROR, both at the last step reached.
 */
export async function runPipeline(
  ctx: AppContext,
  job: AttemptJob,
  signal: AbortSignal,
  onStep: (e: StepEvent) => void,
  log: Logger,
): Promise<PipelineResult> {
  const { attempt } = job;
  let finished = false;
  let lastStep: StepId = 'resolve';
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
    }, ctx.config.attemptTimeoutMs);
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
          if (finished) return;
          lastStep = e.step;
          onStep(e);
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
  return { outcome, lastStep };
}
