import { createServer, type AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { parseState, startApp } from './test-app';
import { createRedisStoreFromUrl } from './redis';
import { createRedisStore, type RateLimitStore } from './store';

const REDIS_URL = process.env['FLANGE_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

async function redisReachable(): Promise<boolean> {
  const probe = new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

const reachable = await redisReachable();

/** A store on the shared Redis under a prefix of its own, ready before the first request. */
async function sharedStore(prefix: string): Promise<RateLimitStore> {
  const redis = new Redis(REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  await new Promise<void>((resolve, reject) => {
    redis.once('ready', resolve);
    redis.once('error', reject);
  });
  return createRedisStore(redis, { prefix });
}

describe.skipIf(!reachable)('rate limits on Redis (skipped when 127.0.0.1:6379 does not answer)', () => {
  const stores: RateLimitStore[] = [];
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
  });

  it('shares counters between instances: exactly q of many concurrent requests pass', async () => {
    const prefix = `test:${randomBytes(4).toString('hex')}`;
    const instances = await Promise.all([sharedStore(prefix), sharedStore(prefix), sharedStore(prefix)]);
    stores.push(...instances);
    const apps = await Promise.all(
      instances.map((s) => startApp(s, { name: 'conn', limit: 20, windowSeconds: 60 })),
    );
    try {
      const results = await Promise.all(
        Array.from({ length: 90 }, (_, i) => apps[i % 3]!.get('conn_shared').then((r) => r.status)),
      );
      expect(results.filter((s) => s === 200)).toHaveLength(20);
      expect(results.filter((s) => s === 429)).toHaveLength(70);
      expect((await apps[0]!.get('conn_other')).status).toBe(200);
    } finally {
      await Promise.all(apps.map((a) => a.close()));
    }
  });

  it('counts r down exactly and lets the client in again after Retry-After', async () => {
    const store = await sharedStore(`test:${randomBytes(4).toString('hex')}`);
    stores.push(store);
    const app = await startApp(store, { name: 'conn', limit: 3, windowSeconds: 2 });
    try {
      const r: number[] = [];
      for (let i = 0; i < 3; i++) r.push(parseState((await app.get('c')).headers.get('ratelimit')).r);
      expect(r).toEqual([2, 1, 0]);
      const refused = await app.get('c');
      expect(refused.status).toBe(429);
      const wait = Number(refused.headers.get('retry-after'));
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(2);
      await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 50));
      expect((await app.get('c')).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('rate limits when Redis is down', () => {
  it('never answers 5xx: each instance falls back to counting in memory', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const store = createRedisStoreFromUrl(`redis://127.0.0.1:${port}`);
    const app = await startApp(store, { name: 'conn', limit: 3, windowSeconds: 60 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await app.get('conn_a');
        statuses.push(res.status);
        expect(res.headers.get('ratelimit-policy')).toBe('"conn";q=3;w=60');
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
