import { afterEach, describe, expect, it } from 'vitest';
import type { AttemptEvent } from '@flange/protocol';
import { readEventStream } from './event-stream';
import type { SseMessage } from './event-stream';
import { streamAttemptEvents } from './sse';
import { FlangeApiError } from './api-error';
import { SESSION_TOKEN, failedBadKey, sse, stepEvents, succeeded } from '../test/fixtures';
import { problem, sendJson, startTestServer } from '../test/test-server';
import type { TestServer } from '../test/test-server';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    start(c) {
      for (const chunk of chunks) c.enqueue(enc.encode(chunk));
      c.close();
    },
  });
}

async function collect(chunks: string[]): Promise<SseMessage[]> {
  const out: SseMessage[] = [];
  await readEventStream(streamOf(chunks), (m) => void out.push(m));
  return out;
}

describe('readEventStream', () => {
  it('parses ids, event names, multi-line data, comments, CRLF and a BOM, across chunk splits', async () => {
    const out = await collect([
      '\uFEFF: hello\r',
      '\nid: 7\r\nevent: step\r\ndata: {"a":',
      '1}\r\n\r\n',
      'data: x\ndata: y\n\n',
    ]);
    expect(out).toEqual([
      { event: 'step', data: '{"a":1}', lastEventId: '7' },
      { event: 'message', data: 'x\ny', lastEventId: '7' },
    ]);
  });

  it('drops an event left incomplete at the end of the stream', async () => {
    const out = await collect(['data: done\n\n', 'data: partial']);
    expect(out.map((m) => m.data)).toEqual(['done']);
  });

  it('stops reading when the callback returns false', async () => {
    const out: string[] = [];
    await readEventStream(streamOf(['data: 1\n\ndata: 2\n\n']), (m) => {
      out.push(m.data);
      return false;
    });
    expect(out).toEqual(['1']);
  });
});

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const noSleep = async (): Promise<void> => undefined;

describe('streamAttemptEvents', () => {
  it('follows events to the terminal one, with the token in the header', async () => {
    server = await startTestServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(': keep-alive\n\n');
      res.end(sse([...stepEvents, succeeded]));
    });
    const seen: AttemptEvent[] = [];
    const last = await streamAttemptEvents({
      url: `${server.baseUrl}/v1/connect/attempts/att_1/events`,
      sessionToken: SESSION_TOKEN,
      onEvent: (e) => seen.push(e),
    });
    expect(last.type).toBe('succeeded');
    expect(seen).toHaveLength(4);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${SESSION_TOKEN}`);
    expect(server.requests[0]?.url).not.toContain('fls_');
  });

  it('resumes with Last-Event-ID after a dropped connection and loses nothing', async () => {
    const all = [...stepEvents, failedBadKey];
    server = await startTestServer((req, res) => {
      const after = Number(req.headers['last-event-id'] ?? 0);
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      if (after === 0) {
        // First connection: two events, then the connection drops mid-event.
        res.write(sse(all.slice(0, 2)));
        res.write('id: 3\ndata: {"type":"st');
        setTimeout(() => res.destroy(), 30);
        return;
      }
      res.end(sse(all.slice(after), after + 1));
    });
    const ids: string[] = [];
    const last = await streamAttemptEvents({
      url: `${server.baseUrl}/events`,
      sessionToken: SESSION_TOKEN,
      onEvent: (_e, id) => ids.push(id),
      sleep: noSleep,
    });
    expect(last).toEqual(failedBadKey);
    expect(ids).toEqual(['1', '2', '3', '4']);
    expect(server.requests.map((r) => r.headers['last-event-id'])).toEqual([undefined, '2']);
  });

  it('gives up after repeated drops without progress', async () => {
    server = await startTestServer((req, res) => void res.destroy());
    const error = await streamAttemptEvents({
      url: `${server.baseUrl}/events`,
      sessionToken: SESSION_TOKEN,
      onEvent: () => undefined,
      sleep: noSleep,
      maxRetries: 2,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlangeApiError);
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a 4xx answer', async () => {
    server = await startTestServer((req, res) => sendJson(res, 401, problem('SESSION_EXPIRED', 401)));
    const error = await streamAttemptEvents({
      url: `${server.baseUrl}/events`,
      sessionToken: SESSION_TOKEN,
      onEvent: () => undefined,
      sleep: noSleep,
    }).catch((e: unknown) => e);
    expect((error as FlangeApiError).code).toBe('SESSION_EXPIRED');
    expect(server.requests).toHaveLength(1);
  });

  it('skips data that is not an attempt event', async () => {
    server = await startTestServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.end(`data: not json\n\ndata: {"type":"bogus"}\n\n${sse([succeeded])}`);
    });
    const seen: AttemptEvent[] = [];
    await streamAttemptEvents({
      url: `${server.baseUrl}/e`,
      sessionToken: SESSION_TOKEN,
      onEvent: (e) => seen.push(e),
    });
    expect(seen).toEqual([succeeded]);
  });

  it('stops when aborted', async () => {
    server = await startTestServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(sse(stepEvents.slice(0, 1)));
    });
    const controller = new AbortController();
    const promise = streamAttemptEvents({
      url: `${server.baseUrl}/e`,
      sessionToken: SESSION_TOKEN,
      onEvent: () => controller.abort(),
      signal: controller.signal,
    });
    await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
  });
});
