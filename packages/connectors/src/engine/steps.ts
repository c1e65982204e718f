import { ERROR_TITLES } from '@flange/protocol';
import type { AttemptError, StepEvent, StepId } from '@flange/protocol';
import { StepFailure } from './authenticate';

/** Emits each step's running → succeeded/failed/skipped events with durations, scrubbing details. */
export class StepReporter {
  /** The step that started last (where an unexpected error belongs). */
  current: StepId | undefined;

  constructor(
    private readonly emit: (e: StepEvent) => void,
    private readonly now: () => number,
    private readonly redact: (s: string) => string,
  ) {}

  /** Run a step; a StepFailure ends it as `failed` and is rethrown for the pipeline to stop on. */
  async run<T>(step: StepId, fn: () => Promise<{ value: T; detail?: string }>): Promise<T> {
    const started = this.now();
    this.current = step;
    this.send({ type: 'step', step, status: 'running' });
    try {
      const { value, detail } = await fn();
      this.send({
        type: 'step',
        step,
        status: 'succeeded',
        duration_ms: this.since(started),
        ...this.detail(detail),
      });
      return value;
    } catch (e) {
      const error = e instanceof StepFailure ? e.error : undefined;
      this.send({
        type: 'step',
        step,
        status: 'failed',
        duration_ms: this.since(started),
        ...this.detail(
          error !== undefined
            ? (error.upstream_code ?? ERROR_TITLES[error.code])
            : ERROR_TITLES.INTERNAL_ERROR,
        ),
      });
      throw e;
    }
  }

  skip(step: StepId, detail?: string): void {
    this.send({ type: 'step', step, status: 'skipped', ...this.detail(detail) });
  }

  private send(e: StepEvent): void {
    this.emit(e);
  }

  private detail(d: string | undefined): { detail?: string } {
    return d === undefined ? {} : { detail: this.redact(d).slice(0, 200) };
  }

  private since(t: number): number {
    return Math.max(0, Math.round(this.now() - t));
  }
}

/** Scrub known secrets from every text of an error. */
export function redactError(e: AttemptError, redact: (s: string) => string): AttemptError {
  return {
    ...e,
    display_message: redact(e.display_message),
    ...(e.possible_causes !== undefined ? { possible_causes: e.possible_causes.map(redact) } : {}),
  };
}
