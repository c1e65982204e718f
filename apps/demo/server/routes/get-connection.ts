import type { RequestHandler } from 'express';
import type { ConnectionStore } from '../connection-store';
import type { FlangeClient } from '../flange-client';
import { workspaceOf } from '../guards';

/**
 * GET /api/connection: the workspace's latest connection as Flange reports it right now
 * (`flange.connections.get`, with the secret key, so a revoked connection still reads as revoked);
 * `null` before the first connection.
 */
export function getConnection(deps: { flange: FlangeClient; store: ConnectionStore }): RequestHandler {
  return async (_req, res) => {
    const [latest, ...older] = await deps.store.list(workspaceOf(res).id);
    if (latest === undefined) {
      res.json({ connection: null, other_connections: 0 });
      return;
    }
    const connection = await (await deps.flange()).connections.get(latest.connection_id);
    res.json({ connection, other_connections: older.length });
  };
}
