import { DEFAULT_TOKEN_GRACE_SECONDS, type RotateTokenResponse } from '@flange/protocol';
import type { AppContext } from '../context';
import { ApiError } from '../http/problem';
import { issueConnectionToken } from '../services/connection-tokens';
import { connectionView, getConnection } from '../services/connections';

/**
 * Rotate a connection's token: the new one works at once, every older live token stops at the end of the
 * grace period (never later than it already would), and `connection.token_rotated` is enqueued with it.
 */
export async function rotateConnectionToken(
  ctx: Pick<AppContext, 'db' | 'clock' | 'pepper' | 'outbox' | 'logger' | 'connectionCache'>,
  environmentId: string,
  connectionId: string,
  graceSeconds: number = DEFAULT_TOKEN_GRACE_SECONDS,
): Promise<RotateTokenResponse> {
  return ctx.db.transaction(async (tx) => {
    const c = await getConnection(tx, environmentId, connectionId, { forUpdate: true });
    if (c.status === 'revoked') {
      throw new ApiError('CONFLICT', { detail: 'The connection was revoked; its tokens cannot be rotated.' });
    }
    const now = ctx.clock.now();
    const until = new Date(now.getTime() + graceSeconds * 1000);
    await tx.query(
      `UPDATE connection_tokens SET expires_at = LEAST(COALESCE(expires_at, $2), $2)
        WHERE connection_id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $3)`,
      [connectionId, until, now],
    );
    // Cached older tokens carry no end yet: drop them so the next request reads their grace end.
    await ctx.connectionCache.changed(tx, connectionId);
    const token = await issueConnectionToken(tx, ctx.pepper, c, now);
    const connection = connectionView(c);
    await ctx.outbox.enqueue(tx, environmentId, {
      type: 'connection.token_rotated',
      data: { connection, previous_token_expires_at: until.toISOString() },
    });
    ctx.logger.info({ connection_id: connectionId, grace_seconds: graceSeconds }, 'connection token rotated');
    return {
      connection_id: connectionId,
      access_token: token,
      previous_token_expires_at: until.toISOString(),
      connection,
    };
  });
}
