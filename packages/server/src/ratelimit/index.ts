export { enforceRateLimit, rateLimit } from './middleware';
export type { RateLimitOptions, RateLimitSubject } from './middleware';
export { createMemoryStore, createRedisStore } from './store';
export { createRedisStoreFromUrl } from './redis';
export type { RateLimitDecision, RateLimitPolicy, RateLimitStore, RedisLike } from './store';
export { policyHeader, stateHeader, retryAfterSeconds } from './headers';
