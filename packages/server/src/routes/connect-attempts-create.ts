import { CreateAttemptBody } from '@flange/protocol';
import type { AppContext } from '../context';
import { authOf } from '../http/auth';
import type { RouteTable } from '../http/route-table';
import { parseOrThrow } from '../http/validate';
import { createAttempt } from '../services/attempts';

/** POST /v1/connect/attempts (session token): check the values and start validating them (202). */
export function register(routes: RouteTable, ctx: AppContext): void {
  routes.add('POST', '/v1/connect/attempts', 'session', async (req, res) => {
    const { session } = authOf(res, 'session');
    const body = parseOrThrow(CreateAttemptBody, req.body, 'body');
    const { attempt, values } = await createAttempt(ctx, session, body);
    ctx.runner.start(ctx, {
      attempt,
      session,
      values,
      log: res.locals.log,
      ...(body.trust_certificate_sha256 !== undefined
        ? { trustedCertificateSha256: body.trust_certificate_sha256 }
        : {}),
    });
    res.locals.log.info({ attempt_id: attempt.id, system_id: attempt.system_id }, 'attempt started');
    res.status(202).json({
      attempt_id: attempt.id,
      events_url: `${ctx.config.publicUrl}/v1/connect/attempts/${attempt.id}/events`,
    });
  });
}
