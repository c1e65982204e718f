import type { ConnectionView } from '@flange/protocol';
import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { createPgDb } from '../db/pg';
import type { Db } from '../db/types';
import { createLogger } from '../logger';
import { ConnectionCache, type CachedToken } from './connection-cache';
import { listenForConnectionChanges } from './connection-cache-channel';

const token = (connectionId: string, expiresAt: number | null = null): CachedToken => ({
  tokenId: `tok_${connectionId}`,
  connectionId,
  environmentId: 'env_1',
  environment: 'test',
  expiresAt,
});
const view = (id: string, status: ConnectionView['status'] = 'active') =>
  ({ id, object: 'connection', status }) as unknown as ConnectionView;
/** A Db that only records what it was asked (the local cache never queries). */
const noDb: Db = {
  query: () => Promise.reject(new Error('no storage here')),
  exec: () => Promise.reject(new Error('no storage here')),
  transaction: () => Promise.reject(new Error('no storage here')),
  close: async () => {},
};

describe('ConnectionCache', () => {
  it('answers what it was given, per token hash and per connection of its environment', () => {
    const cache = new ConnectionCache({ clock: new ManualClock() });
    cache.rememberToken(cache.epoch(), 'h1', token('conn_a'));
    const c = cache.rememberConnection(cache.epoch(), 'env_1', view('conn_a'));
    expect(cache.token('h1')).toEqual(token('conn_a'));
    expect(cache.token('h2')).toBeUndefined();
    expect(cache.connection('env_1', 'conn_a')).toBe(c);
    expect(c.json).toBe(JSON.stringify(view('conn_a')));
    // Another environment never sees it.
    expect(cache.connection('env_2', 'conn_a')).toBeUndefined();
  });

  it('drops a connection with every one of its tokens on change, and keeps the others', async () => {
    const cache = new ConnectionCache({ clock: new ManualClock() });
    cache.rememberToken(cache.epoch(), 'h1', token('conn_a'));
    cache.rememberToken(cache.epoch(), 'h2', token('conn_a'));
    cache.rememberToken(cache.epoch(), 'h3', token('conn_b'));
    cache.rememberConnection(cache.epoch(), 'env_1', view('conn_a'));
    await cache.changed(noDb, 'conn_a');
    expect(cache.token('h1')).toBeUndefined();
    expect(cache.token('h2')).toBeUndefined();
    expect(cache.connection('env_1', 'conn_a')).toBeUndefined();
    expect(cache.token('h3')).toEqual(token('conn_b'));
  });

  it('does not keep a read that started before a change', async () => {
    const cache = new ConnectionCache({ clock: new ManualClock() });
    const before = cache.epoch();
    await cache.changed(noDb, 'conn_other');
    cache.rememberToken(before, 'h1', token('conn_a'));
    const entry = cache.rememberConnection(before, 'env_1', view('conn_a'));
    expect(entry.view.id).toBe('conn_a');
    expect(cache.token('h1')).toBeUndefined();
    expect(cache.connection('env_1', 'conn_a')).toBeUndefined();
  });

  it('forgets entries after the TTL (injected clock), capped at 60 s', () => {
    const clock = new ManualClock();
    const cache = new ConnectionCache({ clock, ttlMs: 10 * 60_000 });
    cache.rememberToken(cache.epoch(), 'h1', token('conn_a'));
    clock.advance(59_999);
    expect(cache.token('h1')).toBeDefined();
    clock.advance(1);
    expect(cache.token('h1')).toBeUndefined();
    expect(cache.size.tokens).toBe(0);
  });

  it('is bounded: the least recently used entry goes first', () => {
    const cache = new ConnectionCache({ clock: new ManualClock(), maxEntries: 2 });
    cache.rememberToken(cache.epoch(), 'h1', token('conn_a'));
    cache.rememberToken(cache.epoch(), 'h2', token('conn_b'));
    expect(cache.token('h1')).toBeDefined();
    cache.rememberToken(cache.epoch(), 'h3', token('conn_c'));
    expect(cache.size.tokens).toBe(2);
    expect(cache.token('h2')).toBeUndefined();
    expect(cache.token('h1')).toBeDefined();
    expect(cache.token('h3')).toBeDefined();
    // An evicted token leaves no trace in the per-connection index: a change of it drops nothing else.
    cache.invalidate('conn_b');
    expect(cache.size.tokens).toBe(2);
  });

  it('with a channel: off until the channel is up, and a published change blocks its connection until it comes back', async () => {
    const cache = new ConnectionCache({ clock: new ManualClock() });
    const published: string[] = [];
    cache.useChannel(async (_db, id) => {
      published.push(id);
    });
    cache.setEnabled(false);
    cache.rememberToken(cache.epoch(), 'h1', token('conn_a'));
    expect(cache.token('h1')).toBeUndefined();
    cache.setEnabled(true);
    cache.rememberToken(cache.epoch(), 'h1', token('conn_a'));
    expect(cache.token('h1')).toBeDefined();

    await cache.changed(noDb, 'conn_a');
    expect(published).toEqual(['conn_a']);
    // Committed but not yet announced: neither served nor kept.
    cache.rememberToken(cache.epoch(), 'h1', token('conn_a'));
    expect(cache.token('h1')).toBeUndefined();
    cache.notified('conn_a');
    cache.rememberToken(cache.epoch(), 'h1', token('conn_a'));
    expect(cache.token('h1')).toBeDefined();
    // Another instance's change arrives: dropped here too.
    cache.notified('conn_a');
    expect(cache.token('h1')).toBeUndefined();
  });
});

// Scale-out: two instances' caches on one PostgreSQL, invalidated through LISTEN/NOTIFY.
const url = process.env['FLANGE_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const reachable = await (async () => {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!reachable)(
  'ConnectionCache channel on PostgreSQL (skipped when 127.0.0.1:5432 does not answer)',
  () => {
    const logger = createLogger({ level: 'silent' });
    const db = createPgDb({ connectionString: url, max: 2 });
    const closers: Array<() => Promise<void>> = [];
    afterAll(async () => {
      for (const close of closers) await close();
      await db.close();
    });

    async function instance(name = 'flange-cache-test'): Promise<ConnectionCache> {
      const cache = new ConnectionCache({ clock: new ManualClock() });
      const connectionString = `${url}${url.includes('?') ? '&' : '?'}application_name=${name}`;
      const channel = await listenForConnectionChanges({ connectionString, cache, logger, retryMs: 50 });
      closers.push(() => channel.close());
      return cache;
    }

    const until = async (cond: () => boolean) => {
      for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
      return cond();
    };

    it('a change committed on one instance drops the connection on every instance; a rolled back one does not', async () => {
      const a = await instance();
      const b = await instance();
      const id = `conn_${Date.now()}`;
      const other = `${id}_rolled_back`;
      for (const c of [a, b]) {
        c.rememberToken(c.epoch(), 'h1', token(id));
        c.rememberToken(c.epoch(), 'h2', token(other));
      }

      await expect(
        db.transaction(async (tx) => {
          await a.changed(tx, other);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      // Nothing was committed: b keeps its entry. a dropped its own at once and, never hearing the change
      // back, reads that connection from storage until the pending mark lapses.
      await new Promise((r) => setTimeout(r, 200));
      expect(b.token('h2')).toBeDefined();
      a.rememberToken(a.epoch(), 'h2', token(other));
      expect(a.token('h2')).toBeUndefined();

      await db.transaction(async (tx) => {
        await a.changed(tx, id);
        // Not committed yet: b has heard nothing.
        await new Promise((r) => setTimeout(r, 100));
        expect(b.token('h1')).toBeDefined();
      });
      expect(await until(() => b.token('h1') === undefined)).toBe(true);
      // a's own notification came back: it caches that connection again.
      const cachedAgain = () => {
        a.rememberToken(a.epoch(), 'h1', token(id));
        return a.token('h1') !== undefined;
      };
      expect(await until(cachedAgain)).toBe(true);
    });

    it('goes off when its listening connection is lost, and back on once it is listening again', async () => {
      const name = `flange-cache-test-${process.pid}-${Date.now()}`;
      const cache = await instance(name);
      cache.rememberToken(cache.epoch(), 'h1', token('conn_x'));
      expect(cache.token('h1')).toBeDefined();
      const admin = new Client({ connectionString: url });
      await admin.connect();
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
        [name],
      );
      await admin.end();
      expect(await until(() => cache.token('h1') === undefined)).toBe(true);
      const cachedAgain = () => {
        cache.rememberToken(cache.epoch(), 'h2', token('conn_y'));
        return cache.token('h2') !== undefined;
      };
      expect(await until(cachedAgain)).toBe(true);
    });
  },
);
