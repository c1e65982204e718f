import type { RequestHandler } from 'express';
import { workspaceOf } from '../guards';

/** GET /api/me: who is signed in to Acme Reliability (the demo's stand-in for a real login). */
export function getMe(): RequestHandler {
  return (req, res) => {
    const ws = workspaceOf(res);
    res.json({ user: ws.user, organization: ws.organization, site: ws.site });
  };
}
