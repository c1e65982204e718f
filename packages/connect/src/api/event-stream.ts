// Apart from sse.ts: the wire-format parser loads only when a validation starts, and needs nothing else.

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
