import type { Environment } from '@flange/protocol';
import { newId } from '../crypto/random';
import { hashToken, maskToken, newConnectionToken } from '../crypto/tokens';
import type { Db } from '../db/types';
import { ApiError } from '../http/problem';
import type { CachedToken, ConnectionCache } from './connection-cache';

/** What a valid connection token opens. */
export interface ConnectionTokenAuth {
  tokenId: string;
  connectionId: string;
  environmentId: string;
  environment: Environment;
}

/**
 * Look a connection token up by hash (in `cache` first when given); distinct codes for unknown, revoked and
 * expired-after-rotation. Unknown and revoked tokens are never cached; expiry is checked against `now`.
 */
export async function authenticateConnectionToken(
  db: Db,
  hash: string,
  now: Date,
  cache?: ConnectionCache,
): Promise<ConnectionTokenAuth> {
  const hit = cache === undefined ? undefined : rememberedConnectionToken(cache, hash, now);
  if (hit !== undefined) return hit;
  const epoch = cache?.epoch() ?? 0;
  const { rows } = await db.query<{
    id: string;
    connection_id: string;
    environment_id: string;
    kind: Environment;
    status: string;
    expires_at: Date | null;
    revoked_at: Date | null;
  }>(
    `SELECT t.id, t.connection_id, c.environment_id, e.kind, c.status, t.expires_at, t.revoked_at
       FROM connection_tokens t
       JOIN connections c ON c.id = t.connection_id
       JOIN environments e ON e.id = c.environment_id
      WHERE t.token_hash = $1`,
    [hash],
  );
  const t = rows[0];
  if (!t) throw new ApiError('UNAUTHORIZED', { detail: 'The connection token is not valid.' });
  if (t.revoked_at !== null || t.status === 'revoked') {
    throw new ApiError('TOKEN_REVOKED', {
      detail: 'This connection token was revoked or replaced by a reconnect.',
    });
  }
  const token: CachedToken = {
    tokenId: t.id,
    connectionId: t.connection_id,
    environmentId: t.environment_id,
    environment: t.kind,
    expiresAt: t.expires_at?.getTime() ?? null,
  };
  const auth = usable(token, now);
  cache?.rememberToken(epoch, hash, token);
  return auth;
}

/**
 * authenticateConnectionToken from `cache` alone, without awaiting anything: undefined when the cache does not
 * hold the token (then ask authenticateConnectionToken). Expiry is checked against `now` all the same.
 */
export function rememberedConnectionToken(
  cache: ConnectionCache,
  hash: string,
  now: Date,
): ConnectionTokenAuth | undefined {
  const hit = cache.token(hash);
  return hit === undefined ? undefined : usable(hit, now);
}

/**
 * The cache's own entry for a remembered token, when still usable at `now` (same checks as
 * rememberedConnectionToken): stable per token, so a caller may key what it derives on it.
 */
export function rememberedTokenEntry(
  cache: ConnectionCache,
  hash: string,
  now: Date,
): CachedToken | undefined {
  const hit = cache.token(hash);
  if (hit !== undefined) checkGrace(hit, now);
  return hit;
}

function checkGrace(t: CachedToken, now: Date): void {
  if (t.expiresAt !== null && t.expiresAt <= now.getTime()) {
    throw new ApiError('TOKEN_EXPIRED', {
      detail: 'This connection token was rotated and its grace period has ended; use the newer token.',
    });
  }
}

function usable(t: CachedToken, now: Date): ConnectionTokenAuth {
  checkGrace(t, now);
  return {
    tokenId: t.tokenId,
    connectionId: t.connectionId,
    environmentId: t.environmentId,
    environment: t.environment,
  };
}

/** Issue a new token for a connection (inside the caller's transaction); returns it, shown this once. */
export async function issueConnectionToken(
  tx: Db,
  pepper: Buffer,
  c: { id: string; environment_id: string; environment: Environment },
  now: Date,
): Promise<string> {
  const token = newConnectionToken(c.environment);
  await tx.query(
    `INSERT INTO connection_tokens (id, connection_id, environment_id, token_hash, masked, created_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [newId('tok'), c.id, c.environment_id, hashToken(pepper, token), maskToken(token), now],
  );
  return token;
}
