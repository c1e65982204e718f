/**
 * Starts the Acme Reliability demo backend. The only file of the demo that reads the environment.
 *
 * DEMO_PORT (3000), DEMO_HOST (127.0.0.1), FLANGE_URL (http://localhost:4000), FLANGE_SECRET_KEY or
 * FLANGE_DATA_DIR (./.flange, where the Flange server writes demo-secret-key), DEMO_CONNECTIONS_FILE,
 * DEMO_WEBHOOK_URL (where Flange reaches this backend's receiver; default http://127.0.0.1:<port>/webhooks/flange,
 * which Flange accepts only when its FLANGE_ALLOWED_NETWORKS opts 127.0.0.1 in, as `pnpm start` does).
 */
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { WEBHOOK_PATH, createDemoApp } from './app';
import { createConnectionStore } from './connection-store';
import { createEventFeed } from './event-feed';
import { createFlangeClient } from './flange-client';
import { secretKeySource } from './secret-key';
import { createWebhookRegistration } from './webhook-endpoint';

const env = process.env;
const port = Number(env.DEMO_PORT ?? 3000);
// Not 0: the origins Flange sessions are bound to must be known before the first request.
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  throw new Error(`DEMO_PORT must be a port number from 1 to 65535, got ${env.DEMO_PORT}`);
}
const host = env.DEMO_HOST ?? '127.0.0.1';
const flangeUrl = new URL(env.FLANGE_URL ?? 'http://localhost:4000');
const dataDir = resolve(env.FLANGE_DATA_DIR ?? '.flange');
// 127.0.0.1 rather than localhost: Flange checks the address a name resolves to, and localhost may be ::1.
const webhookUrl = env.DEMO_WEBHOOK_URL || `http://127.0.0.1:${port}${WEBHOOK_PATH}`;

const store = await createConnectionStore({
  file: env.DEMO_CONNECTIONS_FILE ?? join(dataDir, 'demo-connections.json'),
});
const flange = createFlangeClient({
  baseUrl: flangeUrl.origin,
  secretKey: secretKeySource({ value: env.FLANGE_SECRET_KEY, file: join(dataDir, 'demo-secret-key') }),
});
const feed = createEventFeed({ receiverUrl: webhookUrl });
const registration = createWebhookRegistration({
  flange,
  url: webhookUrl,
  feed,
  file: join(dataDir, 'demo-webhook-endpoint.json'),
  log: (line) => console.warn(line),
});

// A loopback address is reached as localhost or 127.0.0.1; both twins are ours (and Flange's).
const staticDir = fileURLToPath(new URL('../dist', import.meta.url));
const server = createDemoApp({
  flange,
  store,
  feed,
  registration,
  origins: loopbackTwins(`http://localhost:${port}`),
  flangeOrigins: loopbackTwins(flangeUrl.origin),
  staticDir,
}).listen(port, host);
await once(server, 'listening');
console.warn(`demo: Acme Reliability listening on http://localhost:${port}`);
// In the background: the page works without it, and the Events panel says when it is listening.
void registration.start();

function loopbackTwins(origin: string): string[] {
  const u = new URL(origin);
  if (u.hostname !== 'localhost' && u.hostname !== '127.0.0.1') return [u.origin];
  const portPart = u.port === '' ? '' : `:${u.port}`;
  return [`${u.protocol}//localhost${portPart}`, `${u.protocol}//127.0.0.1${portPart}`];
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    registration.stop();
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
