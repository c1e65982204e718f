import express from 'express';
import type { Express } from 'express';
import type { Connectors } from '@flange/connectors';
import type { SandboxHints } from '@flange/protocol';
import { systemClock } from './clock';
import type { Clock } from './clock';
import type { Config } from './config';
import type { AppContext, AppPlugin } from './context';
import type { Keyring } from './crypto/envelope';
import type { Db } from './db/types';
import { errorHandler, notFound } from './http/error-handler';
import { frontDoor } from './http/request-context';
import { RouteTable } from './http/route-table';
import { createLogger } from './logger';
import type { Logger } from './logger';
import * as hosted from './routes/hosted';
import { mountHostedAssets } from './routes/hosted-assets';
import { registerCoreRoutes } from './routes/index';
import { AttemptHub } from './services/attempt-hub';
import { AttemptRunner } from './services/attempt-runner';
import { ConnectionCache } from './services/connection-cache';
import type { Outbox } from './services/outbox';

/** What createApp is built from. Only main.ts turns the environment into these. */
export interface AppDeps {
  config: Config;
  /** Migrated storage (run `migrate(db)` first). */
  db: Db;
  connectors: Connectors;
  /** Key-encryption keys for credentials (security.md §3). */
  keyring: Keyring;
  /** Server-side secret for HMAC-SHA256 token hashes. */
  pepper: Buffer;
  clock?: Clock;
  logger?: Logger;
  /** Sandbox hints per system id, shown in test environments' system details. */
  sandbox?: Record<string, SandboxHints>;
  /** Lifecycle events (connection.created, …) written in the state change's transaction. */
  outbox?: Outbox;
  plugins?: AppPlugin[];
  /**
   * Default: a cache for this process alone, exact on PGlite. Several instances on one PostgreSQL need
   * one wired to the invalidation channel (listenForConnectionChanges), as main.ts does.
   */
  connectionCache?: ConnectionCache;
}

/** The Express app, with its context reachable for startServer and tests. */
export type FlangeApp = Express & { locals: { flange: AppContext } };

/** Build the Express app: middleware, every route, problem documents for everything that goes wrong. */
export function createApp(deps: AppDeps): FlangeApp {
  const logger = deps.logger ?? createLogger({ level: deps.config.logLevel });
  const plugins = deps.plugins ?? [];
  const clock = deps.clock ?? systemClock;
  const ctx: AppContext = {
    config: deps.config,
    db: deps.db,
    connectors: deps.connectors,
    clock,
    logger,
    keyring: deps.keyring,
    pepper: deps.pepper,
    sandbox: deps.sandbox ?? {},
    outbox: deps.outbox ?? {
      enqueue: async (_tx, environmentId, event) => {
        logger.debug(
          { environment_id: environmentId, type: event.type },
          'lifecycle event (no outbox configured)',
        );
      },
    },
    hub: new AttemptHub(),
    runner: new AttemptRunner(plugins.flatMap((p) => (p.attempts ? [p.attempts] : []))),
    plugins,
    connectionCache: deps.connectionCache ?? new ConnectionCache({ clock }),
  };

  const app = express() as unknown as FlangeApp;
  app.locals.flange = ctx;
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', deps.config.trustProxy);

  // One layer for what every request goes through (request id, access line, security headers, tokens in
  // the query, JSON body): each Express layer costs on every request.
  app.use(
    frontDoor({
      logger,
      https: deps.config.publicUrl.startsWith('https:'),
      bodyLimitBytes: deps.config.bodyLimitBytes,
      observers: plugins.flatMap((p) => (p.onResponse ? [p.onResponse] : [])),
    }),
  );
  for (const p of plugins) if (p.middleware) app.use(p.middleware);

  // Express tries every layer in order on every request: the API routes (GET /v1/connection first) come
  // before the hosted page and its assets, whose paths they never share.
  const routes = new RouteTable();
  registerCoreRoutes(routes, ctx);
  for (const p of plugins) p.routes?.(routes, ctx);
  hosted.register(routes, ctx);
  routes.mount(app, ctx);
  mountHostedAssets(app, ctx);

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
