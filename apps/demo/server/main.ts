/**
 * Starts the Acme Reliability demo backend. The only file of the demo that reads the environment.
 *
 * DEMO_PORT (3000), DEMO_HOST (127.0.0.1), FLANGE_URL (http://localhost:4000), FLANGE_SECRET_KEY or
 * FLANGE_DATA_DIR (./.flange, where the Flange server writes demo-secret-key), DEMO_CONNECTIONS_FILE.
 */
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { createDemoApp } from './app';
import { createConnectionStore } from './connection-store';
import { createFlangeHttpClient } from './flange-api';
import { secretKeySource } from './secret-key';

const env = process.env;
const port = Number(env.DEMO_PORT ?? 3000);
// Not 0: the origins Flange sessions are bound to must be known before the first request.
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  throw new Error(`DEMO_PORT must be a port number from 1 to 65535, got ${env.DEMO_PORT}`);
}
const host = env.DEMO_HOST ?? '127.0.0.1';
const flangeUrl = new URL(env.FLANGE_URL ?? 'http://localhost:4000');
const dataDir = resolve(env.FLANGE_DATA_DIR ?? '.flange');

const store = await createConnectionStore({
  file: env.DEMO_CONNECTIONS_FILE ?? join(dataDir, 'demo-connections.json'),
});
const flange = createFlangeHttpClient({
  baseUrl: flangeUrl.origin,
  secretKey: secretKeySource({ value: env.FLANGE_SECRET_KEY, file: join(dataDir, 'demo-secret-key') }),
});

// A loopback address is reached as localhost or 127.0.0.1; both twins are ours (and Flange's).
const staticDir = fileURLToPath(new URL('../dist', import.meta.url));
const server = createDemoApp({
  flange,
  store,
  origins: loopbackTwins(`http://localhost:${port}`),
  flangeOrigins: loopbackTwins(flangeUrl.origin),
  staticDir,
}).listen(port, host);
await once(server, 'listening');
console.warn(`demo: Acme Reliability listening on http://localhost:${port}`);

function loopbackTwins(origin: string): string[] {
  const u = new URL(origin);
  if (u.hostname !== 'localhost' && u.hostname !== '127.0.0.1') return [u.origin];
  const portPart = u.port === '' ? '' : `:${u.port}`;
  return [`${u.protocol}//localhost${portPart}`, `${u.protocol}//127.0.0.1${portPart}`];
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
