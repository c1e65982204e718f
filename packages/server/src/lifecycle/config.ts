import * as z from 'zod';
import { ConfigError } from '../config';

/** Issue 5's settings: rate limits, the health monitor, the shared counter store. */
export interface LifecycleConfig {
  rateLimits: {
    /** Requests per window per connection on connection-token routes, per environment kind. */
    connection: { test: number; live: number };
    /** Requests per window per secret key on management routes, per environment kind. */
    secretKey: { test: number; live: number };
    windowSeconds: number;
  };
  /** Shared rate-limit counters; null: in memory (one instance). */
  redisUrl: string | null;
  health: { enabled: boolean; intervalMs: number };
  webhooks: { enabled: boolean };
}

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'must be true or false' })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const EnvSchema = z.object({
  FLANGE_RATE_LIMIT_CONNECTION: int(1, 1_000_000).default(100),
  FLANGE_RATE_LIMIT_CONNECTION_LIVE: int(1, 1_000_000).optional(),
  FLANGE_RATE_LIMIT_SECRET_KEY: int(1, 1_000_000).default(1000),
  FLANGE_RATE_LIMIT_SECRET_KEY_LIVE: int(1, 1_000_000).optional(),
  FLANGE_RATE_LIMIT_WINDOW_SECONDS: int(1, 3600).default(60),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  FLANGE_HEALTH_CHECKS: bool.default(true),
  FLANGE_HEALTH_INTERVAL_MINUTES: int(5, 7 * 24 * 60).default(360),
  FLANGE_WEBHOOKS: bool.default(true),
});

/** Parse issue 5's variables (main.ts passes process.env); throws ConfigError listing every bad one. */
export function loadLifecycleConfig(env: Readonly<Record<string, string | undefined>>): LifecycleConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    rateLimits: {
      connection: {
        test: e.FLANGE_RATE_LIMIT_CONNECTION,
        live: e.FLANGE_RATE_LIMIT_CONNECTION_LIVE ?? e.FLANGE_RATE_LIMIT_CONNECTION,
      },
      secretKey: {
        test: e.FLANGE_RATE_LIMIT_SECRET_KEY,
        live: e.FLANGE_RATE_LIMIT_SECRET_KEY_LIVE ?? e.FLANGE_RATE_LIMIT_SECRET_KEY,
      },
      windowSeconds: e.FLANGE_RATE_LIMIT_WINDOW_SECONDS,
    },
    redisUrl: e.REDIS_URL ?? null,
    health: { enabled: e.FLANGE_HEALTH_CHECKS, intervalMs: e.FLANGE_HEALTH_INTERVAL_MINUTES * 60_000 },
    webhooks: { enabled: e.FLANGE_WEBHOOKS },
  };
}

/** The defaults, for tests and embedders that do not read the environment. */
export const DEFAULT_LIFECYCLE_CONFIG: LifecycleConfig = loadLifecycleConfig({});
