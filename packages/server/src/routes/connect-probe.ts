import { ProbeBody, URL_PROBLEM_MESSAGES, normalizeInstanceUrl } from '@flange/protocol';
import type { AppContext } from '../context';
import { authOf } from '../http/auth';
import { ApiError } from '../http/problem';
import type { RouteTable } from '../http/route-table';
import { parseOrThrow } from '../http/validate';
import { reserveProbe } from '../services/lockout';
import { sessionAllows } from '../services/sessions';

/** POST /v1/connect/probe (session token): reachable? TLS? which product? before credentials are typed. */
export function register(routes: RouteTable, ctx: AppContext): void {
  routes.add('POST', '/v1/connect/probe', 'session', async (req, res) => {
    const { session } = authOf(res, 'session');
    const body = parseOrThrow(ProbeBody, req.body, 'body');
    if (!sessionAllows(session, body.system_id)) {
      throw new ApiError('SYSTEM_NOT_ALLOWED', {
        detail: 'The session does not offer this system.',
        param: 'system_id',
      });
    }
    const info = ctx.connectors.get(body.system_id);
    if (!info) throw new ApiError('INVALID_REQUEST', { detail: 'Unknown system.', param: 'system_id' });
    if (info.summary.availability !== 'available') {
      throw new ApiError('SYSTEM_NOT_AVAILABLE', {
        detail: `${info.summary.name} has no connector yet.`,
        param: 'system_id',
      });
    }
    const urlField = info.authMethods
      .flatMap((m) => m.fields)
      .find((f) => f.kind === 'url' || f.format === 'url');
    const n = normalizeInstanceUrl(body.url, { keepPath: urlField?.keep_path === true });
    if (!n.ok) {
      throw new ApiError('INVALID_REQUEST', {
        detail: `The url is not usable: ${URL_PROBLEM_MESSAGES[n.reason]}`,
        display_message: URL_PROBLEM_MESSAGES[n.reason],
        param: 'url',
        issues: [{ path: 'url', message: URL_PROBLEM_MESSAGES[n.reason] }],
      });
    }
    await ctx.db.transaction((tx) => reserveProbe(tx, ctx.config.lockout, session.id, ctx.clock.now()));
    // Stop the outbound call when the widget gives up (the user kept typing).
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const result = await ctx.connectors.probe(body.system_id, n.url, abort.signal);
    if (!res.writableEnded && !abort.signal.aborted) res.json(result);
  });
}
