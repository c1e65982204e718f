import type { RequestHandler } from 'express';
import * as z from 'zod';
import type { ConnectionStore } from '../connection-store';
import type { FlangeClient } from '../flange-client';
import { jsonBody, workspaceOf } from '../guards';
import { DemoError } from '../problem';

const Body = z.strictObject({
  public_token: z.string().regex(/^flp_[0-9A-Za-z]{32,200}$/, 'Expected a flp_ token.'),
});

/**
 * POST /api/flange/exchange: trade the widget's public token for the connection token, server to server,
 * keep that token here, then read the connection's status with it. Only the status goes back.
 */
export function postExchange(deps: { flange: FlangeClient; store: ConnectionStore }): RequestHandler {
  return async (req, res) => {
    const body = Body.safeParse(jsonBody(req));
    if (!body.success) throw new DemoError('INVALID_REQUEST', z.prettifyError(body.error));
    const ws = workspaceOf(res);
    const flange = await deps.flange();
    const exchanged = await flange.exchangePublicToken(body.data.public_token);
    await deps.store.save(ws.id, {
      connection_id: exchanged.connection_id,
      access_token: exchanged.access_token,
      system_name: exchanged.connection.system.name,
      connected_at: new Date().toISOString(),
    });
    // Read back with the new token itself: proof it works before the page says "connected".
    const connection = await flange.connection(exchanged.access_token).get();
    res.status(201).json({ connection });
  };
}
