import { RotateTokenBody } from '@flange/protocol';
import type { AppContext } from '../../context';
import { authOf } from '../../http/auth';
import type { RouteTable } from '../../http/route-table';
import { parseOrThrow } from '../../http/validate';
import { bodyOrEmpty } from '../../webhooks/routes/shared';
import { rotateConnectionToken } from '../token-rotation';

/** POST /v1/connections/:id/token/rotate (secret key): a new token now; the old one lasts the grace period. */
export function register(routes: RouteTable, ctx: AppContext): void {
  routes.add('POST', '/v1/connections/:id/token/rotate', 'secret_key', async (req, res) => {
    const auth = authOf(res, 'secret_key');
    const body = parseOrThrow(RotateTokenBody, bodyOrEmpty(req.body), 'body');
    res.json(
      await rotateConnectionToken(
        { ...ctx, logger: res.locals.log },
        auth.environmentId,
        String(req.params.id),
        body.grace_period_seconds,
      ),
    );
  });
}
