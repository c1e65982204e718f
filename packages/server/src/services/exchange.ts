import type { ExchangeResponse } from '@flange/protocol';
import type { AppContext } from '../context';
import { hashToken, isWellFormed, newPublicToken } from '../crypto/tokens';
import type { Db } from '../db/types';
import { ApiError } from '../http/problem';
import { issueConnectionToken } from './connection-tokens';
import { connectionView, getConnection } from './connections';

/** Store a new public token for a connection (inside the store transaction); returns it. */
export async function issuePublicToken(
  tx: Db,
  ctx: AppContext,
  p: { environmentId: string; connectionId: string; attemptId: string; reconnect: boolean; now: Date },
): Promise<string> {
  const token = newPublicToken();
  await tx.query(
    `INSERT INTO public_tokens (token_hash, environment_id, connection_id, attempt_id, reconnect, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      hashToken(ctx.pepper, token),
      p.environmentId,
      p.connectionId,
      p.attemptId,
      p.reconnect,
      p.now,
      new Date(p.now.getTime() + ctx.config.publicTokenTtlSeconds * 1000),
    ],
  );
  // A reconnect rewrote the connection (status, instance, account, credentials) in this same transaction,
  // just before issuing its public token: cached views of it are stale from this commit on.
  if (p.reconnect) await ctx.connectionCache.changed(tx, p.connectionId);
  return token;
}

const invalid = (detail: string) => new ApiError('PUBLIC_TOKEN_INVALID', { detail, param: 'public_token' });

/**
 * Exchange a public token (once) for the connection id and a new connection token. For a reconnect,
 * the connection's earlier tokens stop working in the same transaction.
 */
export async function exchangePublicToken(
  ctx: AppContext,
  environmentId: string,
  publicToken: string,
): Promise<ExchangeResponse> {
  if (!isWellFormed('public', publicToken)) throw invalid('This is not a public token (flp_…).');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<{
      connection_id: string;
      reconnect: boolean;
      expires_at: Date;
      used_at: Date | null;
    }>(
      `SELECT connection_id, reconnect, expires_at, used_at FROM public_tokens
        WHERE token_hash = $1 AND environment_id = $2 FOR UPDATE`,
      [hashToken(ctx.pepper, publicToken), environmentId],
    );
    const p = rows[0];
    if (!p) throw invalid('The public token is not valid in this environment.');
    if (p.used_at !== null) {
      throw new ApiError('PUBLIC_TOKEN_USED', {
        detail: 'This public token was already exchanged; the connection token was returned then.',
        param: 'public_token',
      });
    }
    if (p.expires_at.getTime() <= now.getTime()) throw invalid('The public token has expired (10 minutes).');
    const c = await getConnection(tx, environmentId, p.connection_id, { forUpdate: true });
    if (c.status === 'revoked') throw invalid('The connection was revoked before the exchange.');
    await tx.query('UPDATE public_tokens SET used_at = $2 WHERE token_hash = $1', [
      hashToken(ctx.pepper, publicToken),
      now,
    ]);
    if (p.reconnect) {
      await tx.query(
        'UPDATE connection_tokens SET revoked_at = $2 WHERE connection_id = $1 AND revoked_at IS NULL',
        [c.id, now],
      );
      await ctx.connectionCache.changed(tx, c.id);
    }
    const accessToken = await issueConnectionToken(tx, ctx.pepper, c, now);
    return { connection_id: c.id, access_token: accessToken, connection: connectionView(c) };
  });
}
