import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { Logger } from '../webhooks/deps';
import { MemoryCounters } from './memory-counters';

/** One limit: `limit` requests per `windowSeconds`, named as the RateLimit headers name it (`conn`, `key`). */
export interface RateLimitPolicy {
  name: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Requests left in the current window after this one. */
  remaining: number;
  /** Seconds until the window resets (0 ≤ t ≤ window). */
  resetSeconds: number;
}

/**
 * Counts requests per key. The embedded default keeps counters in memory; with Redis they are shared by
 * every instance. Either way `consume` never throws: a store failure degrades, it does not become a 5xx.
 */
export interface RateLimitStore {
  readonly kind: 'memory' | 'redis';
  consume(policy: RateLimitPolicy, key: string): Promise<RateLimitDecision>;
  /** The same count answered synchronously, when the store needs no I/O (memory): no promise per request. */
  consumeNow?(policy: RateLimitPolicy, key: string): RateLimitDecision;
  close(): Promise<void>;
}

type LimiterFactory = (policy: RateLimitPolicy, keyPrefix: string) => RateLimiterAbstract;

function createStore(
  kind: RateLimitStore['kind'],
  factory: LimiterFactory,
  logger: Logger | undefined,
  close: () => Promise<void>,
  prefix: string,
): RateLimitStore {
  const limiters = new Map<string, RateLimiterAbstract>();
  const limiterFor = (policy: RateLimitPolicy) => {
    // A changed limit is a new policy with fresh counters, rather than a reinterpretation of old ones.
    const keyPrefix = `${prefix}:${policy.name}:${policy.limit}:${policy.windowSeconds}`;
    let limiter = limiters.get(keyPrefix);
    if (!limiter) {
      limiter = factory(policy, keyPrefix);
      limiters.set(keyPrefix, limiter);
    }
    return limiter;
  };
  const toDecision = (policy: RateLimitPolicy, res: RateLimiterRes, allowed: boolean): RateLimitDecision => ({
    allowed,
    remaining: Math.max(0, Math.min(policy.limit, res.remainingPoints)),
    resetSeconds: Math.max(0, Math.min(policy.windowSeconds, Math.ceil(res.msBeforeNext / 1000))),
  });
  return {
    kind,
    async consume(policy, key) {
      try {
        return toDecision(policy, await limiterFor(policy).consume(key), true);
      } catch (error) {
        if (error instanceof RateLimiterRes) return toDecision(policy, error, false);
        // Only reachable when the insurance limiter itself fails: let the request through and say so.
        logger?.error(
          { err: { name: (error as Error).name, message: (error as Error).message } },
          'rate limiter failed open',
        );
        return { allowed: true, remaining: policy.limit, resetSeconds: policy.windowSeconds };
      }
    },
    close,
  };
}

const memoryLimiter: LimiterFactory = (policy, keyPrefix) =>
  new RateLimiterMemory({ points: policy.limit, duration: policy.windowSeconds, keyPrefix });

/**
 * Counters in this process: the embedded default (one instance). Same fixed windows as the Redis store's
 * in-memory insurance limiter, counted synchronously.
 */
export function createMemoryStore(_options: { logger?: Logger } = {}): RateLimitStore {
  const counters = new MemoryCounters();
  return {
    kind: 'memory',
    consume: (policy, key) => Promise.resolve(counters.consume(policy, key)),
    consumeNow: (policy, key) => counters.consume(policy, key),
    close: async () => {},
  };
}

/** The part of an ioredis client the store uses (status for the readiness check, defineCommand for Lua). */
export interface RedisLike {
  status: string;
  defineCommand(...args: never[]): unknown;
  quit(): Promise<unknown>;
}

/**
 * Counters in Redis, shared by every instance. While Redis is unreachable each instance falls back to its
 * own in-memory counters (the insurance limiter): limits loosen to per-instance, requests never fail.
 */
export function createRedisStore(
  redis: RedisLike,
  options: { logger?: Logger; prefix?: string } = {},
): RateLimitStore {
  const factory: LimiterFactory = (policy, keyPrefix) =>
    new RateLimiterRedis({
      storeClient: redis,
      points: policy.limit,
      duration: policy.windowSeconds,
      keyPrefix,
      rejectIfRedisNotReady: true,
      insuranceLimiter: memoryLimiter(policy, keyPrefix),
    });
  return createStore(
    'redis',
    factory,
    options.logger,
    async () => {
      await redis.quit().catch(() => undefined);
    },
    options.prefix ?? 'flange:rl',
  );
}
