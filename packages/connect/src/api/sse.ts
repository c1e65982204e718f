import { AttemptEvent } from '@flange/protocol';
import { FlangeApiError, errorFromResponse } from './api-error';

/** One server-sent event as the wire format defines it (WHATWG HTML, "event stream interpretation"). */
export interface SseMessage {
  event: string;
  data: string;
  /** The last event id seen on the stream so far (ids persist across events that omit them). */
  lastEventId: string;
  retry?: number;
}

/**
 * Read a text/event-stream body and hand each dispatched event to `onMessage`. Return `false` from
 * the callback to stop reading (the body is cancelled). Resolves when the stream ends.
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onMessage: (message: SseMessage) => boolean | void,
  initialLastEventId = '',
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  let event = '';
  let lastEventId = initialLastEventId;
  let retry: number | undefined;
  let first = true;
  const state = { stopped: false };

  const dispatch = (): void => {
    if (data.length > 0) {
      const message: SseMessage = { event: event || 'message', data: data.join('\n'), lastEventId };
      if (retry !== undefined) message.retry = retry;
      if (onMessage(message) === false) state.stopped = true;
    }
    data = [];
    event = '';
  };

  const line = (text: string): void => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id' && !value.includes('\0')) lastEventId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
  };

  try {
    while (!state.stopped) {
      const chunk = await reader.read();
      if (chunk.done) {
        buffer += decoder.decode();
        if (buffer !== '') line(buffer.replace(/\r$/, ''));
        break;
      }
      buffer += decoder.decode(chunk.value, { stream: true });
      if (first && buffer.length > 0) {
        if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
        first = false;
      }
      // A lone trailing \r may be the first half of \r\n: keep it until the next chunk.
      let start = 0;
      for (let i = 0; i < buffer.length && !state.stopped; i++) {
        const c = buffer[i];
        if (c === '\n' || c === '\r') {
          if (c === '\r' && i === buffer.length - 1) break;
          line(buffer.slice(start, i));
          if (c === '\r' && buffer[i + 1] === '\n') i++;
          start = i + 1;
        }
      }
      buffer = buffer.slice(start);
    }
  } finally {
    // Cancelling releases the connection when we stop early; on a finished stream it is a no-op.
    await reader.cancel().catch(() => undefined);
  }
}

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
