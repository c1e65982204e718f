import type { NetworkPolicy } from '@flange/connectors';
import { createGuardedFetch, createUrlGuard } from '@flange/connectors';
import type { Clock } from '../clock';
import type { AppContext, AppPlugin } from '../context';
import type { Keyring } from '../crypto/envelope';
import type { Db } from '../db/types';
import { createHealthMonitor, type CheckReport, type HealthMonitor } from '../health/monitor';
import { DEFAULT_HEALTH_POLICY, jittered, type HealthPolicy } from '../health/policy';
import type { VerifyConnection } from '../health/ports';
import { createVerifier } from '../health/verify';
import type { Logger } from '../logger';
import { createRedisStoreFromUrl } from '../ratelimit/redis';
import { createMemoryStore, type RateLimitPolicy, type RateLimitStore } from '../ratelimit/store';
import type { Outbox as ServerOutbox } from '../services/outbox';
import {
  createWebhooks,
  type AttemptRecord,
  type DispatcherOptions,
  type UrlGuard,
  type Webhooks,
  type WebhookSend,
} from '../webhooks/index';
import { asServerOutbox } from '../webhooks/outbox';
import { registerWebhookRoutes } from '../webhooks/routes/index';
import type { LifecycleConfig } from './config';
import { createRateLimitHook } from './rate-limits';
import * as connectionsTokenRotate from './routes/connections-token-rotate';
import * as connectionsVerify from './routes/connections-verify';
import { keyringSecretBox } from './secret-box';
import { silentLogger, type Logger as SubLogger } from '../webhooks/deps';
import type { SecretBox } from '../webhooks/ports';

export interface LifecycleDeps {
  config: LifecycleConfig;
  db: Db;
  clock: Clock;
  /** Default: the app's logger, once the app is built. */
  logger?: Logger;
  /** Seals webhook secrets. Default: the app's keyring, once the app is built. */
  keyring?: Keyring;
  /** Outbound rules for webhook URLs: the same SSRF policy as customers' instances. */
  network: NetworkPolicy;
  /** Overrides for tests and embedders; by default the guarded client of @flange/connectors. */
  send?: WebhookSend;
  checkUrl?: UrlGuard;
  rateLimitStore?: RateLimitStore;
  /** By default the connectors pipeline under the lockout rules (createVerifier). */
  verify?: VerifyConnection;
  dispatcher?: DispatcherOptions;
  healthPolicy?: Partial<HealthPolicy>;
  /** Metrics hooks. */
  onWebhookAttempt?: (attempt: AttemptRecord) => void;
  onHealthCheck?: (report: CheckReport) => void;
  onRateLimited?: (policy: RateLimitPolicy) => void;
}

export interface Lifecycle {
  /** Pass to createApp / startServer as `outbox`: lifecycle events go through the transactional outbox. */
  outbox: ServerOutbox;
  /** Pass to createApp / startServer in `plugins`. */
  plugin: AppPlugin;
  webhooks: Webhooks;
  /** The health monitor, once the app has been built (it needs the app's connectors and keys). */
  monitor(): HealthMonitor;
}

/**
 * Issue 5's module: webhook endpoints and deliveries with their dispatcher, the health monitor, token
 * rotation, and rate limits, wired into the app as one plugin plus the outbox.
 */
export function createLifecycle(deps: LifecycleDeps): Lifecycle {
  const { config, db, clock } = deps;
  // The outbox must exist before the app (createApp takes it), the app's logger and keyring only after:
  // both are reached through the context once the plugin sees it.
  let app: AppContext | null = null;
  const appLogger = (): SubLogger => deps.logger ?? app?.logger ?? silentLogger;
  const log = (component: string): SubLogger => ({
    info: (o, m) => appLogger().info({ component, ...o }, m),
    warn: (o, m) => appLogger().warn({ component, ...o }, m),
    error: (o, m) => appLogger().error({ component, ...o }, m),
  });
  const box = (): SecretBox => {
    const keyring = deps.keyring ?? app?.keyring;
    if (!keyring) throw new Error('webhook secrets need the keyring: pass it, or build the app first');
    return keyringSecretBox(keyring);
  };
  const webhooks = createWebhooks({
    db,
    clock,
    logger: log('webhooks'),
    send: deps.send ?? createGuardedFetch({ policy: deps.network }),
    checkUrl: deps.checkUrl ?? createUrlGuard({ policy: deps.network }),
    secrets: { seal: (p, c) => box().seal(p, c), open: (s, c) => box().open(s, c) },
    ...(deps.dispatcher ? { dispatcher: deps.dispatcher } : {}),
    ...(deps.onWebhookAttempt ? { onAttempt: deps.onWebhookAttempt } : {}),
  });
  const store =
    deps.rateLimitStore ??
    (config.redisUrl
      ? createRedisStoreFromUrl(config.redisUrl, { logger: log('ratelimit') })
      : createMemoryStore({ logger: log('ratelimit') }));
  const rateLimit = createRateLimitHook({
    db,
    clock,
    store,
    config: config.rateLimits,
    ...(deps.onRateLimited ? { onLimited: deps.onRateLimited } : {}),
  });

  let monitor: HealthMonitor | null = null;
  const buildMonitor = (ctx: AppContext): HealthMonitor =>
    createHealthMonitor({
      db,
      clock,
      logger: log('health'),
      outbox: webhooks.outbox,
      verify:
        deps.verify ??
        createVerifier({
          db,
          connectors: ctx.connectors,
          keyring: ctx.keyring,
          pepper: ctx.pepper,
          lockout: ctx.config.lockout,
          clock,
          logger: log('health'),
        }),
      policy: { intervalMs: config.health.intervalMs, ...deps.healthPolicy },
      ...(deps.onHealthCheck ? { onCheck: deps.onHealthCheck } : {}),
      connectionChanged: (tx, id) => ctx.connectionCache.changed(tx, id),
    });
  const requireMonitor = (): HealthMonitor => {
    if (!monitor) throw new Error('the health monitor exists once the app is built');
    return monitor;
  };

  const plugin: AppPlugin = {
    name: 'lifecycle',
    routes(routes, ctx) {
      app = ctx;
      monitor ??= buildMonitor(ctx);
      registerWebhookRoutes(routes, webhooks);
      connectionsVerify.register(routes, requireMonitor);
      connectionsTokenRotate.register(routes, ctx);
    },
    afterAuth: rateLimit,
    nextCheckAt(verifiedAt) {
      // The first scheduled check, jittered like every later one so connections made together spread out.
      if (!config.health.enabled) return null;
      const policy = { ...DEFAULT_HEALTH_POLICY, intervalMs: config.health.intervalMs, ...deps.healthPolicy };
      return new Date(verifiedAt.getTime() + jittered(policy.intervalMs, policy.jitter, Math.random));
    },
    start(ctx) {
      app = ctx;
      monitor ??= buildMonitor(ctx);
      if (config.webhooks.enabled) webhooks.dispatcher.start();
      if (config.health.enabled) monitor.start();
    },
    async stop() {
      await webhooks.dispatcher.stop();
      await monitor?.stop();
      await store.close();
    },
  };

  return { outbox: asServerOutbox(webhooks.outbox), plugin, webhooks, monitor: requireMonitor };
}
