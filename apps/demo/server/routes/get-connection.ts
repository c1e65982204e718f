import type { RequestHandler } from 'express';
import type { ConnectionStore } from '../connection-store';
import type { FlangeApi } from '../flange-api';
import { workspaceOf } from '../guards';

/**
 * GET /api/connection: the workspace's latest connection as Flange reports it right now, read with the
 * connection token (`GET /v1/connection`); `null` before the first connection.
 */
export function getConnection(deps: { flange: FlangeApi; store: ConnectionStore }): RequestHandler {
  return async (req, res) => {
    const [latest, ...older] = await deps.store.list(workspaceOf(res).id);
    if (latest === undefined) {
      res.json({ connection: null, other_connections: 0 });
      return;
    }
    const connection = await deps.flange.getConnection(latest.access_token);
    res.json({ connection, other_connections: older.length });
  };
}
