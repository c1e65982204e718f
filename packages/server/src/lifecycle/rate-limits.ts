import type { Request, Response } from 'express';
import type { Environment } from '@flange/protocol';
import type { Clock } from '../clock';
import type { Db } from '../db/types';
import type { AuthContext } from '../http/auth';
import { ApiError } from '../http/problem';
import { enforceRateLimit } from '../ratelimit/middleware';
import type { RateLimitPolicy, RateLimitStore } from '../ratelimit/store';
import type { LifecycleConfig } from './config';

/** How long a per-environment override is trusted before it is read again. */
const OVERRIDE_TTL_MS = 60_000;

interface Overrides {
  connection: number | null;
  secretKey: number | null;
  at: number;
  /** The policies built from these overrides, kept so a request makes no policy object of its own. */
  conn?: RateLimitPolicy;
  key?: RateLimitPolicy;
}

/**
 * After authentication: a connection token counts against its connection (`conn` policy), a secret key
 * against itself (`key` policy), under the environment's limit. A connection that needs reauthorization is
 * refused on every connection-token route except its status route, which is how the host learns it.
 */
export function createRateLimitHook(deps: {
  db: Db;
  clock: Clock;
  store: RateLimitStore;
  config: LifecycleConfig['rateLimits'];
  onLimited?: (policy: RateLimitPolicy) => void;
}) {
  const { db, store, config } = deps;
  const cache = new Map<string, Overrides>();

  /** The environment's overrides when read less than OVERRIDE_TTL_MS ago: no await on the hot path. */
  function freshOverrides(environmentId: string): Overrides | undefined {
    const hit = cache.get(environmentId);
    return hit && deps.clock.now().getTime() - hit.at < OVERRIDE_TTL_MS ? hit : undefined;
  }

  async function overrides(environmentId: string): Promise<Overrides> {
    const now = deps.clock.now().getTime();
    const { rows } = await db.query<{
      connection_rate_limit: number | null;
      secret_key_rate_limit: number | null;
    }>('SELECT connection_rate_limit, secret_key_rate_limit FROM environments WHERE id = $1', [
      environmentId,
    ]);
    const fresh = {
      connection: rows[0]?.connection_rate_limit ?? null,
      secretKey: rows[0]?.secret_key_rate_limit ?? null,
      at: now,
    };
    cache.set(environmentId, fresh);
    return fresh;
  }

  function connPolicy(o: Overrides, environment: Environment): RateLimitPolicy {
    const limit = o.connection ?? config.connection[environment];
    if (o.conn?.limit !== limit) o.conn = { name: 'conn', limit, windowSeconds: config.windowSeconds };
    return o.conn;
  }

  function keyPolicy(o: Overrides, environment: Environment): RateLimitPolicy {
    const limit = o.secretKey ?? config.secretKey[environment];
    if (o.key?.limit !== limit) o.key = { name: 'key', limit, windowSeconds: config.windowSeconds };
    return o.key;
  }

  async function checkReauthorization(connectionId: string): Promise<void> {
    const { rows } = await db.query<{ status: string }>('SELECT status FROM connections WHERE id = $1', [
      connectionId,
    ]);
    if (rows[0]?.status === 'reauthorization_required') {
      throw new ApiError('REAUTHORIZATION_REQUIRED', {
        detail: 'The end user must reconnect this connection before it can be used.',
        hint: `Create a connect session with reconnect_connection_id "${connectionId}" and open it for the end user.`,
      });
    }
  }

  /** Synchronous when the overrides are fresh and the store counts in memory (the status route's polls). */
  function countRequest(res: Response, auth: AuthContext): Promise<void> | void {
    if (auth.kind === 'session') return;
    const count = (o: Overrides): Promise<void> | void =>
      enforceRateLimit(
        store,
        auth.kind === 'connection'
          ? { policy: connPolicy(o, auth.environment), key: auth.connectionId }
          : { policy: keyPolicy(o, auth.environment), key: auth.secretKeyId },
        res,
        deps.onLimited,
      );
    const fresh = freshOverrides(auth.environmentId);
    return fresh === undefined ? overrides(auth.environmentId).then(count) : count(fresh);
  }

  return (req: Request, res: Response, auth: AuthContext): Promise<void> | void => {
    if (auth.kind === 'connection' && !(req.method === 'GET' && req.path === '/v1/connection'))
      return checkReauthorization(auth.connectionId).then(() => countRequest(res, auth));
    return countRequest(res, auth);
  };
}
