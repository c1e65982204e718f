import type { Logger } from './deps';

/**
 * The background loop of the dispatcher and the health monitor: run a round, then again at once when the
 * round was full, otherwise after the poll interval. `signal` aborts work in flight when stop() is called.
 */
export function createPoller(opts: {
  name: string;
  runOnce: () => Promise<number>;
  batchSize: number;
  pollIntervalMs: number;
  logger: Logger;
}) {
  let running = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<unknown> = Promise.resolve();
  let stopping = new AbortController();

  function plan(delay: number) {
    if (!running) return;
    timer = setTimeout(tick, delay);
    timer.unref?.();
  }

  function tick() {
    timer = null;
    current = opts.runOnce().then(
      (claimed) => plan(claimed === opts.batchSize ? 0 : opts.pollIntervalMs),
      (error: unknown) => {
        opts.logger.error({ err: errorSummary(error) }, `${opts.name} round failed`);
        plan(opts.pollIntervalMs);
      },
    );
  }

  return {
    /** Aborted by stop(): pass it to work that should end early on shutdown. */
    get signal(): AbortSignal {
      return stopping.signal;
    },
    /** Start polling; safe to call more than once. */
    start() {
      if (running) return;
      running = true;
      stopping = new AbortController();
      plan(0);
    },
    /** Run a round now instead of at the next poll. */
    wake() {
      if (running && timer) {
        clearTimeout(timer);
        plan(0);
      }
    },
    /** Stop polling, abort work in flight, and wait for the current round. */
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
      stopping.abort();
      await current.catch(() => undefined);
    },
  };
}

/** An error as a log field: its name and message, never a stack or a nested object that could hold a secret. */
export function errorSummary(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'unknown', message: String(error) };
}
