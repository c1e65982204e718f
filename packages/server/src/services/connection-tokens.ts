import type { Environment } from '@flange/protocol';
import { newId } from '../crypto/random';
import { hashToken, maskToken, newConnectionToken } from '../crypto/tokens';
import type { Db } from '../db/types';
import { ApiError } from '../http/problem';

/** What a valid connection token opens. */
export interface ConnectionTokenAuth {
  tokenId: string;
  connectionId: string;
  environmentId: string;
  environment: Environment;
}

/** Look a connection token up by hash; distinct codes for unknown, revoked and expired-after-rotation. */
export async function authenticateConnectionToken(
  db: Db,
  hash: string,
  now: Date,
): Promise<ConnectionTokenAuth> {
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
  if (t.expires_at !== null && t.expires_at.getTime() <= now.getTime()) {
    throw new ApiError('TOKEN_EXPIRED', {
      detail: 'This connection token was rotated and its grace period has ended; use the newer token.',
    });
  }
  return {
    tokenId: t.id,
    connectionId: t.connection_id,
    environmentId: t.environment_id,
    environment: t.kind,
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
