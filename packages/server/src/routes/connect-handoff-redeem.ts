import * as z from 'zod';
import type { AppContext } from '../context';
import { bearerToken } from '../http/auth';
import { ApiError } from '../http/problem';
import type { RouteTable } from '../http/route-table';
import { parseOrThrow } from '../http/validate';
import { redeemHandoff } from './connect-handoff-store';

const RedeemBody = z.strictObject({});

/**
 * POST /v1/connect/handoffs/redeem with `Authorization: Bearer flh_…`: the admin's page trades the
 * one-time secret from its URL fragment for a session token. Only our own hosted page calls it, so a
 * browser request from any other origin is refused (and no CORS header is ever sent).
 */
export function register(routes: RouteTable, ctx: AppContext): void {
  const ownOrigin = new URL(ctx.config.publicUrl).origin;
  routes.add('POST', '/v1/connect/handoffs/redeem', 'none', async (req, res) => {
    const origin = req.get('origin');
    if (origin !== undefined && origin !== ownOrigin) {
      throw new ApiError('ORIGIN_NOT_ALLOWED', {
        detail: 'Hand-off links are redeemed by the hosted flow page only.',
      });
    }
    const secret = bearerToken(req, 'handoff');
    if (req.body !== undefined) parseOrThrow(RedeemBody, req.body, 'body');
    res.json(await redeemHandoff(ctx, secret));
  });
}
