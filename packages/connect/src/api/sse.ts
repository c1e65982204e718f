import { AttemptEvent } from '@flange/protocol';
import { FlangeApiError, errorFromResponse } from './api-error';

export interface AttemptStreamOptions {
  url: string;
  sessionToken: string;
  onEvent: (event: AttemptEvent, eventId: string) => void;
  signal?: AbortSignal;
  /** Resume after this event id (sent as Last-Event-ID). */
  lastEventId?: string;
  fetch?: typeof fetch;
  /** How many consecutive connections without progress before giving up. */
  maxRetries?: number;
  retryDelayMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

function abortError(): DOMException {
  return new DOMException('The operation was aborted.', 'AbortError');
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Follow an attempt's server-sent events until its terminal event (`succeeded` or `failed`). Uses
 * fetch rather than EventSource so the session token travels in the Authorization header, never in
 * the URL. After a dropped connection it reconnects with Last-Event-ID so no event is lost or
 * repeated; a 4xx answer is final.
 */
export async function streamAttemptEvents(opts: AttemptStreamOptions): Promise<AttemptEvent> {
  // The stream parser is needed only once a validation starts: it loads then, not with the page.
  const { readEventStream } = await import('./event-stream');
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const sleep = opts.sleep ?? defaultSleep;
  const maxRetries = opts.maxRetries ?? 6;
  let delay = opts.retryDelayMs ?? 500;
  let lastEventId = opts.lastEventId ?? '';
  let failures = 0;

  for (;;) {
    if (opts.signal?.aborted) throw abortError();
    let terminal: AttemptEvent | null = null;
    let progressed = false;
    let failure: unknown = null;
    try {
      const headers: Record<string, string> = {
        Authorization: `Bearer ${opts.sessionToken}`,
        Accept: 'text/event-stream',
      };
      if (lastEventId !== '') headers['Last-Event-ID'] = lastEventId;
      const init: RequestInit = { headers, cache: 'no-store' };
      if (opts.signal) init.signal = opts.signal;
      const res = await doFetch(opts.url, init);
      if (!res.ok) throw await errorFromResponse(res);
      if (!res.body) throw new FlangeApiError(res.status, null, 'The event stream has no body.');
      await readEventStream(
        res.body,
        (message) => {
          if (message.retry !== undefined) delay = message.retry;
          let json: unknown;
          try {
            json = JSON.parse(message.data);
          } catch {
            return;
          }
          const parsed = AttemptEvent.safeParse(json);
          // Unknown or keep-alive events are not ours to interpret; skip them.
          if (!parsed.success) return;
          lastEventId = message.lastEventId;
          progressed = true;
          opts.onEvent(parsed.data, message.lastEventId);
          if (parsed.data.type !== 'step') {
            terminal = parsed.data;
            return false;
          }
        },
        lastEventId,
      );
    } catch (error) {
      if (opts.signal?.aborted) throw abortError();
      if (error instanceof FlangeApiError && error.isClientError) throw error;
      failure = error;
    }
    if (terminal) return terminal;
    failures = progressed ? 0 : failures + 1;
    if (failures > maxRetries) {
      throw failure instanceof FlangeApiError
        ? failure
        : new FlangeApiError(0, null, 'The validation progress stream kept dropping.', { cause: failure });
    }
    await sleep(delay * 2 ** Math.min(Math.max(failures - 1, 0), 4), opts.signal);
  }
}
