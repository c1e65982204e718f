/**
 * The real Flange server for the benches: packages/server/src/main.ts in a child process (as `pnpm start`
 * runs it), on a free port and a fresh data folder, with a known demo secret key; and the API calls a host
 * backend makes to it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startTs, waitForHttp, type Child } from './processes';
import { repoPath } from './paths';

export interface FlangeServer {
  url: string;
  /** The server's data folder (PGlite files, generated keys); removed by stop(). */
  dataDir: string;
  secretKey: string;
  child: Child;
  stop(): Promise<void>;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function secretKey(): string {
  return `flk_test_${Array.from(randomBytes(40), (b) => BASE62[b % 62]).join('')}`;
}

/**
 * Start the server. `env` adds to or overrides the defaults (e.g. LOG_LEVEL, rate limits). Its stdout (the
 * request log) goes to /dev/null unless `keepStdout`: the log lines are still produced, as in production.
 */
export async function startFlange(
  opts: { env?: Record<string, string>; nodeArgs?: string[]; keepStdout?: boolean } = {},
): Promise<FlangeServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'flange-bench-'));
  // Also when the bench dies early; stop() removes it in the normal case.
  process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  const key = secretKey();
  const url = `http://127.0.0.1:${port}`;
  const child = startTs(
    'packages/server/src/main.ts',
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      FLANGE_PUBLIC_URL: url,
      FLANGE_DATA_DIR: dataDir,
      FLANGE_DEMO_SECRET_KEY: key,
      FLANGE_HOSTED_DIST: repoPath('apps/hosted/dist'),
      // The simulators listen on loopback over plain http; only that address is opted in.
      FLANGE_ALLOWED_NETWORKS: '127.0.0.1/32',
      FLANGE_ALLOW_HTTP: 'true',
      ...opts.env,
    },
    { quiet: opts.keepStdout !== true, ...(opts.nodeArgs ? { nodeArgs: opts.nodeArgs } : {}) },
  );
  try {
    await waitForHttp(`${url}/healthz`, child);
  } catch (e) {
    await child.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  return {
    url,
    dataDir,
    secretKey: key,
    child,
    stop: async () => {
      await child.stop(15_000);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A JSON API call; throws with the problem document on a non-2xx answer. */
export async function api<T>(
  base: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

/** POST /v1/connect/sessions with the secret key, as a host backend does. */
export function createSession(
  server: FlangeServer,
  allowedOrigins: string[] = [],
): Promise<{ session_token: string; connect_url: string }> {
  return api(server.url, 'POST', '/v1/connect/sessions', server.secretKey, {
    end_user: { id: `bench-${randomBytes(6).toString('hex')}`, name: 'Bench User' },
    ...(allowedOrigins.length > 0 ? { allowed_origins: allowedOrigins } : {}),
  });
}

interface AttemptEvent {
  type: string;
  public_token?: string;
  error?: unknown;
}

/**
 * A real connection through the real flow: a session, an attempt with the Maximo simulator's good API key
 * (the widget's calls), then the exchange (the host backend's). Returns the `flc_` token.
 */
export async function connectMaximo(
  server: FlangeServer,
  maximoUrl: string,
): Promise<{ token: string; id: string }> {
  const session = await createSession(server);
  const { attempt_id } = await api<{ attempt_id: string }>(
    server.url,
    'POST',
    '/v1/connect/attempts',
    session.session_token,
    {
      system_id: 'ibm-maximo',
      auth_method: 'api_key',
      values: { instance_url: maximoUrl, api_key: 'maximo-good-key' },
    },
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    const state = await api<{ status: string; events: AttemptEvent[] }>(
      server.url,
      'GET',
      `/v1/connect/attempts/${attempt_id}`,
      session.session_token,
    );
    if (state.status === 'failed')
      throw new Error(`The Maximo attempt failed: ${JSON.stringify(state.events.at(-1))}`);
    const done = state.events.find((e) => e.type === 'succeeded');
    if (state.status === 'succeeded' && done?.public_token) {
      const exchanged = await api<{ access_token: string; connection_id: string }>(
        server.url,
        'POST',
        '/v1/connect/exchange',
        server.secretKey,
        { public_token: done.public_token },
      );
      return { token: exchanged.access_token, id: exchanged.connection_id };
    }
    if (Date.now() > deadline) throw new Error('The Maximo attempt did not finish within 60 s.');
    await new Promise((r) => setTimeout(r, 200));
  }
}
