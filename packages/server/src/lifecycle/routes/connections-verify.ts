import { VerifyConnectionBody } from '@flange/protocol';
import { authOf } from '../../http/auth';
import type { RouteTable } from '../../http/route-table';
import { parseOrThrow } from '../../http/validate';
import type { HealthMonitor } from '../../health/monitor';
import { bodyOrEmpty } from '../../webhooks/routes/shared';

/** POST /v1/connections/:id/verify (secret key): re-verify now through the pipeline and lockout rules. */
export function register(routes: RouteTable, monitor: () => HealthMonitor): void {
  routes.add('POST', '/v1/connections/:id/verify', 'secret_key', async (req, res) => {
    const auth = authOf(res, 'secret_key');
    parseOrThrow(VerifyConnectionBody, bodyOrEmpty(req.body), 'body');
    const log = res.locals.log.child({ component: 'health' });
    res.json(await monitor().verifyNow(auth.environmentId, String(req.params.id), log));
  });
}
