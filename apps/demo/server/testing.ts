import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WEBHOOK_PATH, createDemoApp, type DemoAppDeps } from './app';
import { createConnectionStore, type ConnectionStore } from './connection-store';
import { createEventFeed, type EventFeed } from './event-feed';
import { createFlangeClient, type FlangeClient } from './flange-client';
import { secretKeySource } from './secret-key';
import { createWebhookRegistration, type WebhookRegistration } from './webhook-endpoint';

export interface TestDemo {
  url: string;
  /** Where this demo's receiver listens. */
  webhookUrl: string;
  store: ConnectionStore;
  feed: EventFeed;
  registration: WebhookRegistration;
  /** fetch against the demo with one workspace cookie kept across calls, like one browser. */
  call(path: string, init?: RequestInit): Promise<Response>;
  /** The workspace id of that one browser, once a call has set its cookie. */
  workspaceId(): string | undefined;
  close(): Promise<void>;
}

/** The SDK client the demo builds from a secret key. */
export function sdkClient(baseUrl: string, secretKey: string, timeoutMs?: number): FlangeClient {
  return createFlangeClient({
    baseUrl,
    secretKey: secretKeySource({ value: secretKey, file: '/nonexistent' }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
}

/**
 * A real SDK client aimed at a port nothing listens on: a route that called Flange would answer 503, so a
 * test that expects a 400 also proves the route refused before calling Flange.
 */
export const deadFlange = (): FlangeClient =>
  sdkClient('http://127.0.0.1:9', `flk_test_${'D'.repeat(40)}`, 2000);

/**
 * The demo backend on port 0 with an in-memory store. With `registerWebhooks`, its receiver is registered
 * with Flange (through the SDK) before this resolves.
 */
export async function startTestDemo(
  deps: Partial<DemoAppDeps> & {
    flange: FlangeClient;
    origins?: readonly string[];
    registerWebhooks?: boolean;
  },
): Promise<TestDemo> {
  const store = deps.store ?? (await createConnectionStore());
  const origins = deps.origins ?? ['http://localhost:3999'];
  // Listen first: the receiver's URL (registered with Flange) needs the port.
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const webhookUrl = `${url}${WEBHOOK_PATH}`;
  const feed = deps.feed ?? createEventFeed({ receiverUrl: webhookUrl });
  const registration = createWebhookRegistration({ flange: deps.flange, url: webhookUrl, feed });
  const app = createDemoApp({
    flangeOrigins: ['http://localhost:4999'],
    registration,
    ...deps,
    feed,
    store,
    origins,
  });
  server.on('request', app);
  if (deps.registerWebhooks === true) await registration.registerOnce();
  let cookie: string | undefined;
  return {
    url,
    webhookUrl,
    store,
    feed,
    registration,
    async call(path, init = {}) {
      const headers = new Headers(init.headers);
      if (cookie !== undefined) headers.set('cookie', cookie);
      const res = await fetch(`${url}${path}`, { ...init, headers });
      const set = res.headers.get('set-cookie');
      if (set !== null) cookie = set.split(';')[0];
      return res;
    },
    workspaceId: () => cookie?.split('=')[1],
    async close() {
      registration.stop();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/** A JSON POST as the demo page sends it. */
export function postJson(body: unknown, origin = 'http://localhost:3999'): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify(body),
  };
}

/**
 * Reads a server-sent event stream as the browser's EventSource does, collecting `{ event, data }` pairs;
 * `next(type)` waits for the next one of that type.
 */
export async function openEventStream(demo: TestDemo) {
  const controller = new AbortController();
  const res = await demo.call('/api/events', { signal: controller.signal });
  if (res.body === null) throw new Error('the event stream has no body');
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const queue: { event: string; data: unknown }[] = [];
  let buffer = '';
  let inflight: Promise<void> | undefined;
  const pull = async (): Promise<void> => {
    const { value, done } = await reader.read();
    if (done) throw new Error('the event stream ended');
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const field = (name: string) =>
        block
          .split('\n')
          .filter((l) => l.startsWith(`${name}: `))
          .map((l) => l.slice(name.length + 2))
          .join('\n');
      if (field('event') !== '') queue.push({ event: field('event'), data: JSON.parse(field('data')) });
    }
  };
  return {
    response: res,
    async next(type: string, timeoutMs = 15_000): Promise<unknown> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const at = queue.findIndex((m) => m.event === type);
        if (at >= 0) return queue.splice(at, 1)[0]?.data;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no ${type} event within ${timeoutMs} ms`);
        inflight ??= pull().finally(() => (inflight = undefined));
        await Promise.race([inflight, new Promise((r) => setTimeout(r, left))]);
      }
    },
    /** Everything received and not yet taken. */
    pending: () => [...queue],
    close: () => controller.abort(),
  };
}
