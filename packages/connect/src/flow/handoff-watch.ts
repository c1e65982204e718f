import type { HandoffView } from '@flange/protocol';
import type { ApiClient } from '../api/api-client';
import { FlangeApiError } from '../api/api-error';
import { FATAL_CODES } from './flow-helpers';

export interface HandoffWatchOptions {
  client: ApiClient;
  /** Time between two looks while a link is open; it grows while the network fails. */
  intervalMs: number;
  /** Each answer; return false to stop watching (nothing left open, or the flow is done). */
  onList: (handoffs: HandoffView[]) => boolean;
  /** The session ended while waiting. */
  onFatal: (error: FlangeApiError) => void;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface HandoffWatch {
  readonly running: boolean;
  /** Start watching, or look again at once when already watching (after the user made a link). */
  ensure(): void;
  stop(): void;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Follows the session's hand-off links until the admin finishes or nothing is open any more. Polling,
 * not a stream: an admin takes minutes, and a plain GET survives proxies, sleeps and reloads.
 */
export function createHandoffWatch(options: HandoffWatchOptions): HandoffWatch {
  const sleep = options.sleep ?? abortableSleep;
  let controller: AbortController | null = null;
  let wake: AbortController | null = null;

  const loop = async (signal: AbortSignal): Promise<void> => {
    let failures = 0;
    while (!signal.aborted) {
      try {
        const { data } = await options.client.listHandoffs({ signal });
        if (signal.aborted) return;
        failures = 0;
        if (!options.onList(data)) return;
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof FlangeApiError) {
          if (FATAL_CODES.has(error.code)) return options.onFatal(error);
          // Any other refusal will not change on retry (a server without hand-offs): stop quietly.
          if (error.isClientError) return;
        }
        failures += 1;
      }
      // One controller per pause, aborted by stop() or by ensure() (look again now).
      const pause = new AbortController();
      wake = pause;
      const stop = (): void => pause.abort();
      signal.addEventListener('abort', stop, { once: true });
      await sleep(options.intervalMs * Math.min(2 ** failures, 8), pause.signal);
      signal.removeEventListener('abort', stop);
    }
  };

  return {
    get running() {
      return controller !== null;
    },
    ensure() {
      if (controller) {
        wake?.abort();
        return;
      }
      const c = new AbortController();
      controller = c;
      void loop(c.signal).finally(() => {
        if (controller === c) controller = null;
      });
    },
    stop() {
      controller?.abort();
      controller = null;
    },
  };
}
