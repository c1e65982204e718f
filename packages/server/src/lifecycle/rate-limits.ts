import type { Request, Response } from 'express';
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

  async function overrides(environmentId: string): Promise<Overrides> {
    const now = deps.clock.now().getTime();
    const hit = cache.get(environmentId);
    if (hit && now - hit.at < OVERRIDE_TTL_MS) return hit;
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

  return async (req: Request, res: Response, auth: AuthContext): Promise<void> => {
    if (auth.kind === 'connection') {
      if (!(req.method === 'GET' && req.path === '/v1/connection')) {
        const { rows } = await db.query<{ status: string }>('SELECT status FROM connections WHERE id = $1', [
          auth.connectionId,
        ]);
        if (rows[0]?.status === 'reauthorization_required') {
          throw new ApiError('REAUTHORIZATION_REQUIRED', {
            detail: 'The end user must reconnect this connection before it can be used.',
            hint: `Create a connect session with reconnect_connection_id "${auth.connectionId}" and open it for the end user.`,
          });
        }
      }
      const o = await overrides(auth.environmentId);
      const policy = {
        name: 'conn',
        limit: o.connection ?? config.connection[auth.environment],
        windowSeconds: config.windowSeconds,
      };
      await enforceRateLimit(store, { policy, key: auth.connectionId }, res, deps.onLimited);
      return;
    }
    if (auth.kind === 'secret_key') {
      const o = await overrides(auth.environmentId);
      const policy = {
        name: 'key',
        limit: o.secretKey ?? config.secretKey[auth.environment],
        windowSeconds: config.windowSeconds,
      };
      await enforceRateLimit(store, { policy, key: auth.secretKeyId }, res, deps.onLimited);
    }
  };
}
