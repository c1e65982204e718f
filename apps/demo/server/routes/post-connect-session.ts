import type { RequestHandler } from 'express';
import * as z from 'zod';
import type { FlangeClient } from '../flange-client';
import { jsonBody, workspaceOf } from '../guards';
import { DemoError } from '../problem';

const Body = z.strictObject({ mode: z.enum(['inline', 'modal']).optional() });

/**
 * POST /api/flange/connect-session: mint a Flange connect session for the signed-in workspace, bound to
 * this app's own origins. The browser gets the short-lived session token, never the secret key.
 */
export function postConnectSession(deps: {
  flange: FlangeClient;
  origins: readonly string[];
}): RequestHandler {
  return async (req, res) => {
    const body = Body.safeParse(jsonBody(req));
    if (!body.success) throw new DemoError('INVALID_REQUEST', z.prettifyError(body.error));
    const ws = workspaceOf(res);
    const session = await (
      await deps.flange()
    ).connectSessions.create({
      end_user: { id: ws.id, name: ws.user.name, email: ws.user.email, organization: ws.organization },
      allowed_origins: [...deps.origins],
      metadata: {
        acme_site: ws.site,
        ...(body.data.mode === undefined ? {} : { acme_mode: body.data.mode }),
      },
    });
    res.status(201).json({
      session_token: session.session_token,
      connect_url: session.connect_url,
      expires_at: session.expires_at,
    });
  };
}
