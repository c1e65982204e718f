import { Redis } from 'ioredis';
import type { Logger } from '../webhooks/deps';
import { createRedisStore, type RateLimitStore } from './store';

/**
 * A Redis-backed store from REDIS_URL. Commands fail fast while disconnected (no offline queue), so a Redis
 * outage sends requests to the in-memory insurance limiter at once instead of holding them.
 */
export function createRedisStoreFromUrl(
  url: string,
  options: { logger?: Logger; prefix?: string } = {},
): RateLimitStore {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 500,
    // Keep trying to come back, at most every 5 s.
    retryStrategy: (times) => Math.min(times * 200, 5000),
  });
  let warned = false;
  redis.on('error', (error: Error) => {
    // ioredis emits on every failed reconnect: log the first, not a line per retry.
    if (!warned)
      options.logger?.warn(
        { err: { name: error.name, message: error.message } },
        'rate-limit Redis unavailable; counting in memory',
      );
    warned = true;
  });
  redis.on('ready', () => {
    if (warned) options.logger?.info({}, 'rate-limit Redis available again');
    warned = false;
  });
  return createRedisStore(redis, options);
}
