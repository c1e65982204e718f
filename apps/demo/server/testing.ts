import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createDemoApp, type DemoAppDeps } from './app';
import { createConnectionStore, type ConnectionStore } from './connection-store';
import type { FlangeApi } from './flange-api';

export interface TestDemo {
  url: string;
  store: ConnectionStore;
  /** fetch against the demo with one workspace cookie kept across calls, like one browser. */
  call(path: string, init?: RequestInit): Promise<Response>;
  /** The workspace id of that one browser, once a call has set its cookie. */
  workspaceId(): string | undefined;
  close(): Promise<void>;
}

/** A FlangeApi for routes that must refuse a request before calling Flange: any call fails the test. */
export const unreachableFlange: FlangeApi = {
  createConnectSession: () => Promise.reject(new Error('Flange must not be called')),
  exchangePublicToken: () => Promise.reject(new Error('Flange must not be called')),
  getConnection: () => Promise.reject(new Error('Flange must not be called')),
};

/** The demo backend on port 0 with an in-memory store. */
export async function startTestDemo(
  deps: Partial<DemoAppDeps> & { flange: FlangeApi; origins?: readonly string[] },
): Promise<TestDemo> {
  const store = deps.store ?? (await createConnectionStore());
  const origins = deps.origins ?? ['http://localhost:3999'];
  const server = createDemoApp({ flangeOrigins: ['http://localhost:4999'], ...deps, store, origins }).listen(
    0,
    '127.0.0.1',
  );
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let cookie: string | undefined;
  return {
    url,
    store,
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
