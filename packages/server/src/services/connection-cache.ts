/**
 * In-process cache behind connection-token requests: token HMAC → what the token opens, and connection id →
 * its API view. A GET /v1/connection served from here touches no storage.
 *
 * Correctness rests on invalidation, not on the TTL:
 * - Every change to a connection or its tokens (revoke, rotation, reconnect, the exchange that ends a
 *   reconnected connection's old token, health transitions) calls `changed(tx, id)` inside its transaction.
 *   On PGlite (the embedded default, one process) a query waits for any open transaction, so a read that
 *   misses after the invalidation sees the committed change; a read that began earlier is not kept (epoch).
 * - On PostgreSQL (scale-out) `changed` also sends `pg_notify` in the same transaction: PostgreSQL delivers
 *   it at commit, and only then, to every instance listening (connection-cache-channel.ts), this one
 *   included. Until its own notification comes back, this instance does not serve or keep that connection.
 *   We chose LISTEN/NOTIFY over Redis pub/sub because it is transactional (a rolled-back change sends
 *   nothing, a committed one cannot be forgotten between commit and publish) and needs no service beyond
 *   the database scale-out already requires; Redis stays optional (rate limits).
 * - While the channel is down the cache is off and emptied; the TTL (≤ 60 s) bounds anything else, such as
 *   a change written by hand in SQL.
 * Expiry after rotation is checked on every hit against the injected clock, so a grace period ends on time.
 */
import type { ConnectionView, Environment } from '@flange/protocol';
import type { Clock } from '../clock';
import type { Db } from '../db/types';

/** What a cached connection token opens. */
export interface CachedToken {
  tokenId: string;
  connectionId: string;
  environmentId: string;
  environment: Environment;
  /** End of the rotation grace period (ms since the epoch); null while the token has no end. */
  expiresAt: number | null;
}

/** A connection's API view and its JSON text. */
export interface CachedConnection {
  environmentId: string;
  view: ConnectionView;
  json: string;
}

/** Sends the invalidation to other instances, inside `db`'s transaction when `db` is one. */
export type PublishChange = (db: Db, connectionId: string) => Promise<void>;

export interface ConnectionCacheOptions {
  clock: Clock;
  /** How long an entry is trusted without an invalidation; at most 60 s. Default 30 s. */
  ttlMs?: number;
  /** Entries per map (tokens, connections), least recently used evicted first. Default 10,000. */
  maxEntries?: number;
}

export const MAX_TTL_MS = 60_000;
/** How long a change published on the channel blocks its connection here if its notification never comes. */
const PENDING_MS = 30_000;

interface Entry<T> {
  value: T;
  until: number;
}

/** A size-bounded map that forgets the least recently used key first (Map keeps insertion order). */
class Lru<T> {
  readonly #map = new Map<string, Entry<T>>();
  /** The key last set or moved to the end (the most recently used), when it is still there. */
  #newest: string | undefined;
  constructor(
    readonly max: number,
    readonly onDrop: (key: string, value: T) => void = () => {},
  ) {}

  get(key: string, now: number): T | undefined {
    const e = this.#map.get(key);
    if (e === undefined) return undefined;
    if (e.until <= now) {
      this.delete(key);
      return undefined;
    }
    // Already the most recent (a client polling in a row): moving it would only churn the Map's table.
    if (key !== this.#newest) {
      this.#map.delete(key);
      this.#map.set(key, e);
      this.#newest = key;
    }
    return e.value;
  }

  set(key: string, value: T, until: number): void {
    this.delete(key);
    this.#map.set(key, { value, until });
    this.#newest = key;
    while (this.#map.size > this.max) {
      const oldest = this.#map.keys().next().value as string;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const e = this.#map.get(key);
    if (e === undefined) return;
    this.#map.delete(key);
    if (key === this.#newest) this.#newest = undefined;
    this.onDrop(key, e.value);
  }

  clear(): void {
    for (const key of [...this.#map.keys()]) this.delete(key);
  }

  get size(): number {
    return this.#map.size;
  }
}

/** The cache; one per process, shared by every request (AppContext.connectionCache). */
export class ConnectionCache {
  readonly #clock: Clock;
  readonly #ttlMs: number;
  readonly #tokens: Lru<CachedToken>;
  readonly #connections: Lru<CachedConnection>;
  /** connection id → hashes of its cached tokens, so a change drops them all. */
  readonly #tokensOf = new Map<string, Set<string>>();
  /** connection id → changes published but not yet seen back on the channel. */
  readonly #pending = new Map<string, { count: number; until: number }>();
  #epoch = 0;
  #enabled = true;
  #publish: PublishChange | null = null;

  constructor(opts: ConnectionCacheOptions) {
    this.#clock = opts.clock;
    this.#ttlMs = Math.min(opts.ttlMs ?? 30_000, MAX_TTL_MS);
    const max = opts.maxEntries ?? 10_000;
    this.#tokens = new Lru<CachedToken>(max, (hash, t) => {
      const set = this.#tokensOf.get(t.connectionId);
      set?.delete(hash);
      if (set?.size === 0) this.#tokensOf.delete(t.connectionId);
    });
    this.#connections = new Lru<CachedConnection>(max);
  }

  /** Take before reading storage; a read is only kept if no change happened meanwhile. */
  epoch(): number {
    return this.#epoch;
  }

  /** The cached token for this HMAC, if any (its expiry is the caller's to check). */
  token(hash: string): CachedToken | undefined {
    if (!this.#enabled) return undefined;
    const t = this.#tokens.get(hash, this.#clock.now().getTime());
    if (t === undefined || this.#isPending(t.connectionId)) return undefined;
    return t;
  }

  /** Keep what a token opens, read from storage after `epoch()` returned `epoch`. */
  rememberToken(epoch: number, hash: string, token: CachedToken): void {
    if (!this.#keeps(epoch, token.connectionId)) return;
    this.#tokens.set(hash, token, this.#clock.now().getTime() + this.#ttlMs);
    let set = this.#tokensOf.get(token.connectionId);
    if (set === undefined) this.#tokensOf.set(token.connectionId, (set = new Set()));
    set.add(hash);
  }

  /** The cached view of a connection of `environmentId`, if any. */
  connection(environmentId: string, id: string): CachedConnection | undefined {
    if (!this.#enabled) return undefined;
    const c = this.#connections.get(id, this.#clock.now().getTime());
    if (c === undefined || c.environmentId !== environmentId || this.#isPending(id)) return undefined;
    return c;
  }

  /** Keep a connection's view, read from storage after `epoch()` returned `epoch`; returns the entry. */
  rememberConnection(epoch: number, environmentId: string, view: ConnectionView): CachedConnection {
    const entry = { environmentId, view, json: JSON.stringify(view) };
    if (this.#keeps(epoch, view.id))
      this.#connections.set(view.id, entry, this.#clock.now().getTime() + this.#ttlMs);
    return entry;
  }

  /**
   * A connection or one of its tokens changed: call inside the transaction that changes it. Drops it here
   * now and, in scale-out mode, tells every instance when the transaction commits.
   */
  async changed(db: Db, connectionId: string): Promise<void> {
    this.invalidate(connectionId);
    if (this.#publish === null) return;
    if (this.#pending.size > 1_000) this.#sweepPending();
    const p = this.#pending.get(connectionId);
    this.#pending.set(connectionId, { count: (p?.count ?? 0) + 1, until: Date.now() + PENDING_MS });
    await this.#publish(db, connectionId);
  }

  /** Drop a connection and its tokens from this process. */
  invalidate(connectionId: string): void {
    this.#epoch++;
    this.#connections.delete(connectionId);
    const hashes = this.#tokensOf.get(connectionId);
    if (hashes) for (const h of [...hashes]) this.#tokens.delete(h);
  }

  /** Drop everything. */
  clear(): void {
    this.#epoch++;
    this.#tokens.clear();
    this.#connections.clear();
    this.#pending.clear();
  }

  /** Scale-out wiring: how changes are published, and whether the channel is up (off: cache bypassed). */
  useChannel(publish: PublishChange): void {
    this.#publish = publish;
  }

  setEnabled(enabled: boolean): void {
    this.clear();
    this.#enabled = enabled;
  }

  /** A change notification arrived on the channel (ours or another instance's). */
  notified(connectionId: string): void {
    const p = this.#pending.get(connectionId);
    if (p !== undefined) {
      if (p.count <= 1) this.#pending.delete(connectionId);
      else p.count--;
    }
    this.invalidate(connectionId);
  }

  /** Sizes, for tests and metrics. */
  get size(): { tokens: number; connections: number } {
    return { tokens: this.#tokens.size, connections: this.#connections.size };
  }

  #keeps(epoch: number, connectionId: string): boolean {
    return this.#enabled && epoch === this.#epoch && !this.#isPending(connectionId);
  }

  /** Marks of changes never heard back (rolled back) would otherwise stay until their connection is read. */
  #sweepPending(): void {
    const now = Date.now();
    for (const [id, p] of this.#pending) if (p.until <= now) this.#pending.delete(id);
  }

  #isPending(connectionId: string): boolean {
    if (this.#pending.size === 0) return false;
    const p = this.#pending.get(connectionId);
    if (p === undefined) return false;
    if (p.until > Date.now()) return true;
    // Its notification never came (the transaction rolled back): the stored state is the current one.
    this.#pending.delete(connectionId);
    return false;
  }
}
