/**
 * The server's entry point and the only module that reads the environment: it parses the config,
 * prepares storage and keys, seeds the demo account, listens, and prints where to go.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConnectors } from '@flange/connectors';
import type { SandboxHints } from '@flange/protocol';
import { systemClock } from './clock';
import { ConfigError, loadConfig } from './config';
import { loadLifecycleConfig } from './lifecycle/config';
import type { LifecycleConfig } from './lifecycle/config';
import { createLifecycle } from './lifecycle/plugin';
import { loadOpsConfig } from './ops/config';
import type { OpsConfig } from './ops/config';
import { createOps } from './ops/plugin';
import { createPgDb } from './db/pg';
import { createPgliteDb } from './db/pglite';
import { migrate } from './db/migrate';
import type { Db } from './db/types';
import { createLogger } from './logger';
import { readSandboxFile } from './sandbox';
import { resolveSecrets } from './secrets';
import { startServer } from './server';
import { ensureDemoAccount } from './services/accounts';
import { ConnectionCache } from './services/connection-cache';
import { listenForConnectionChanges } from './services/connection-cache-channel';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');

async function main(): Promise<void> {
  let config;
  let lifecycleConfig: LifecycleConfig;
  let opsConfig: OpsConfig;
  try {
    config = loadConfig(process.env, {
      cwd: process.cwd(),
      hostedDist: path.join(repoRoot, 'apps/hosted/dist'),
    });
    lifecycleConfig = loadLifecycleConfig(process.env);
    opsConfig = loadOpsConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger({ level: config.logLevel });
  const { keyring, pepper, generated } = resolveSecrets(config);
  for (const file of generated)
    logger.info({ file }, 'generated a local secret (keep the data folder private)');

  const db: Db = config.databaseUrl
    ? createPgDb({ connectionString: config.databaseUrl })
    : await createPgliteDb({ dataDir: path.join(config.dataDir, 'pgdata') });
  const migrated = await migrate(db);
  if (migrated.applied.length > 0) logger.info({ versions: migrated.applied }, 'migrations applied');
  if (migrated.changed.length > 0) {
    logger.warn(
      { versions: migrated.changed },
      'migration files changed after they were applied; the database keeps the old version',
    );
  }

  const demo = config.seedDemo
    ? await ensureDemoAccount(db, pepper, systemClock.now(), {
        dataDir: config.dataDir,
        secretKey: config.demoSecretKey,
      })
    : null;

  // Token and connection cache of GET /v1/connection. Alone on PGlite it is exact by itself; instances
  // sharing PostgreSQL invalidate each other through LISTEN/NOTIFY (services/connection-cache.ts says why).
  const connectionCache = new ConnectionCache({ clock: systemClock });
  const cacheChannel = config.databaseUrl
    ? await listenForConnectionChanges({
        connectionString: config.databaseUrl,
        cache: connectionCache,
        logger: logger.child({ component: 'connection-cache' }),
      })
    : null;

  const sandbox: Record<string, SandboxHints> = config.sandboxFile ? readSandboxFile(config.sandboxFile) : {};
  const connectorLog = logger.child({ component: 'connectors' });
  const connectors = createConnectors({
    policy: config.network,
    clock: systemClock,
    log: (entry) => connectorLog[entry.level](entry, entry.msg),
  });

  // /openapi.json, /docs, /metrics; its metrics hooks feed on the lifecycle's outcomes.
  const ops = createOps({ config: opsConfig });
  // Issue 5: webhooks (outbox + dispatcher), health monitor, token rotation, rate limits.
  const lifecycle = createLifecycle({
    config: lifecycleConfig,
    db,
    clock: systemClock,
    logger,
    keyring,
    network: config.network,
    ...ops.lifecycleHooks,
  });
  const server = await startServer({
    config,
    db,
    connectors,
    keyring,
    pepper,
    logger,
    sandbox,
    outbox: lifecycle.outbox,
    plugins: [lifecycle.plugin, ops.plugin],
    connectionCache,
  });
  const lines = [
    '',
    `  Flange server   ${config.publicUrl}  (listening on ${server.url})`,
    `  Hosted flow     ${config.publicUrl}/connect`,
    `  API reference   ${config.publicUrl}/docs  (OpenAPI at /openapi.json, metrics at /metrics)`,
    `  Storage         ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${path.join(config.dataDir, 'pgdata')}`}`,
  ];
  if (demo) {
    lines.push(
      demo.keyFile
        ? `  Demo secret key ${demo.keyFile}${demo.generated ? ' (generated now)' : ''} — the demo backend reads it there`
        : '  Demo secret key from FLANGE_DEMO_SECRET_KEY',
    );
  }
  lines.push('');
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await server.close();
    await cacheChannel?.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
