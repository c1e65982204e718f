import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';

export const WORKSPACE_COOKIE = 'acme_workspace';
const ID_PATTERN = /^ws_[0-9a-f]{32}$/;

/** The signed-in Acme Reliability customer, as the demo pretends: one workspace per browser. */
export interface Workspace {
  id: string;
  user: { name: string; email: string; role: string };
  organization: string;
  site: string;
}

/** The profile every demo workspace gets; only the id differs. */
export function workspaceFor(id: string): Workspace {
  return {
    id,
    user: { name: 'Dana Whitfield', email: 'dana.whitfield@northwind.example', role: 'Reliability lead' },
    organization: 'Northwind Foods',
    site: 'Plant 3 · Rotterdam',
  };
}

/**
 * Stands in for the host's login: a random workspace id in an HttpOnly cookie, so each browser (and each
 * Playwright context) has its own connections. 128 random bits make an id unguessable.
 */
export function workspaceSession(opts: { secure: boolean }): RequestHandler {
  return (req, res, next) => {
    let id = readCookie(req.headers.cookie, WORKSPACE_COOKIE);
    if (id === undefined || !ID_PATTERN.test(id)) {
      id = `ws_${randomBytes(16).toString('hex')}`;
      const attrs = [
        'Path=/',
        'HttpOnly',
        'SameSite=Lax',
        'Max-Age=2592000',
        ...(opts.secure ? ['Secure'] : []),
      ];
      res.append('Set-Cookie', `${WORKSPACE_COOKIE}=${id}; ${attrs.join('; ')}`);
    }
    res.locals.workspace = workspaceFor(id);
    next();
  };
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
