import type { Request, RequestHandler, Response } from 'express';
import type { Connectors } from '@flange/connectors';
import type { SandboxHints } from '@flange/protocol';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Keyring } from './crypto/envelope';
import type { Db } from './db/types';
import type { AuthContext } from './http/auth';
import type { ResponseObserver } from './http/request-context';
import type { Logger } from './logger';
import type { AttemptHub } from './services/attempt-hub';
import type { ConnectionCache } from './services/connection-cache';
import type { AttemptObserver, AttemptRunner } from './services/attempt-runner';
import type { Outbox } from './services/outbox';
import type { RouteTable } from './http/route-table';

/** Runs after a request is authenticated, before its handler (rate limits, per-token policies). */
export type AfterAuthHook = (req: Request, res: Response, auth: AuthContext) => Promise<void> | void;

/** An add-on module (webhooks, rate limits, health monitor) wired into the app without editing its core. */
export interface AppPlugin {
  name: string;
  /** Add routes to the table: they get the same auth, CORS, 405 and problem handling as core routes. */
  routes?(routes: RouteTable, ctx: AppContext): void;
  afterAuth?: AfterAuthHook;
  /** Runs on every request right after the request id is set, before any route (tracing). */
  middleware?: RequestHandler;
  /** Sees every answer once sent, with its duration (metrics): cheaper than a middleware and its listener. */
  onResponse?: ResponseObserver;
  /** Sees attempt step timings and outcomes (metrics). */
  attempts?: AttemptObserver;
  /**
   * When a connection the flow verified at `verifiedAt` is first re-checked by the health monitor; null
   * when no scheduled checks run. The first plugin that answers decides.
   */
  nextCheckAt?(verifiedAt: Date): Date | null;
  /** Background work (dispatchers, schedulers) started by startServer. */
  start?(ctx: AppContext): Promise<void> | void;
  stop?(): Promise<void> | void;
}

/** Everything a service or route needs, built once by createApp. */
export interface AppContext {
  config: Config;
  db: Db;
  connectors: Connectors;
  clock: Clock;
  logger: Logger;
  keyring: Keyring;
  pepper: Buffer;
  sandbox: Readonly<Record<string, SandboxHints>>;
  outbox: Outbox;
  hub: AttemptHub;
  runner: AttemptRunner;
  /** Authenticated connection tokens and connection views; every change calls `changed` in its transaction. */
  connectionCache: ConnectionCache;
  plugins: readonly AppPlugin[];
}
