import type { Environment } from '@flange/protocol';
import { newId } from '../crypto/random';
import { hashToken, maskToken, newSecretKey } from '../crypto/tokens';
import type { Db } from '../db/types';
import { ApiError } from '../http/problem';

/** The environment a valid secret key opens. */
export interface SecretKeyAuth {
  secretKeyId: string;
  environmentId: string;
  environment: Environment;
  accountId: string;
}

/** Look a secret key up by its hash; refuses unknown, revoked and expired keys with distinct codes. */
export async function authenticateSecretKey(db: Db, hash: string, now: Date): Promise<SecretKeyAuth> {
  const { rows } = await db.query<{
    id: string;
    environment_id: string;
    kind: Environment;
    account_id: string;
    expires_at: Date | null;
    revoked_at: Date | null;
  }>(
    `SELECT k.id, k.environment_id, e.kind, e.account_id, k.expires_at, k.revoked_at
       FROM secret_keys k JOIN environments e ON e.id = k.environment_id
      WHERE k.key_hash = $1`,
    [hash],
  );
  const k = rows[0];
  if (!k) throw new ApiError('UNAUTHORIZED', { detail: 'The secret key is not valid.' });
  if (k.revoked_at !== null)
    throw new ApiError('TOKEN_REVOKED', { detail: 'This secret key has been revoked.' });
  if (k.expires_at !== null && k.expires_at.getTime() <= now.getTime()) {
    throw new ApiError('TOKEN_EXPIRED', { detail: 'This secret key was rolled and its overlap has ended.' });
  }
  return { secretKeyId: k.id, environmentId: k.environment_id, environment: k.kind, accountId: k.account_id };
}

/** Store a secret key (given, or new) for an environment; returns the key, shown this once. */
export async function addSecretKey(
  db: Db,
  pepper: Buffer,
  environmentId: string,
  env: Environment,
  now: Date,
  key: string = newSecretKey(env),
): Promise<string> {
  await db.query(
    `INSERT INTO secret_keys (id, environment_id, key_hash, masked, created_at)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key_hash) DO NOTHING`,
    [newId('key'), environmentId, hashToken(pepper, key), maskToken(key), now],
  );
  return key;
}
