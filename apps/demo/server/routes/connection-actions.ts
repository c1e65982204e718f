import type { RequestHandler, Response } from 'express';
import type { ConnectionStore, StoredConnection } from '../connection-store';
import type { FlangeClient } from '../flange-client';
import { workspaceOf } from '../guards';
import { DemoError } from '../problem';

interface Deps {
  flange: FlangeClient;
  store: ConnectionStore;
}

/** The workspace's latest connection: the only one the page can act on (it never names an id itself). */
async function latest(deps: Deps, res: Response): Promise<StoredConnection> {
  const [connection] = await deps.store.list(workspaceOf(res).id);
  if (connection === undefined) throw new DemoError('NOT_FOUND', 'This workspace has no connection yet.');
  return connection;
}

/** POST /api/connection/verify: "Check now", Flange re-verifies the credentials and answers the result. */
export function postConnectionVerify(deps: Deps): RequestHandler {
  return async (_req, res) => {
    const stored = await latest(deps, res);
    const connection = await (await deps.flange()).connections.verify(stored.connection_id);
    res.json({ connection });
  };
}

/**
 * POST /api/connection/rotate-token: a new connection token, kept here at once in place of the old one,
 * which Flange keeps honouring until `previous_token_expires_at`. The page learns only that time.
 */
export function postConnectionRotateToken(deps: Deps): RequestHandler {
  return async (_req, res) => {
    const stored = await latest(deps, res);
    const rotated = await (await deps.flange()).connections.rotateToken(stored.connection_id);
    await deps.store.save(workspaceOf(res).id, { ...stored, access_token: rotated.access_token });
    res.json({
      connection: rotated.connection,
      previous_token_expires_at: rotated.previous_token_expires_at,
    });
  };
}

/** DELETE /api/connection: "Disconnect", Flange wipes the credentials and every token of the connection. */
export function deleteConnection(deps: Deps): RequestHandler {
  return async (_req, res) => {
    const stored = await latest(deps, res);
    const connection = await (await deps.flange()).connections.revoke(stored.connection_id);
    res.json({ connection });
  };
}
