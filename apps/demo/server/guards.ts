import type { Request, RequestHandler, Response } from 'express';
import { DemoError } from './problem';
import type { Workspace } from './workspace';

/**
 * CSRF guard for state-changing API calls: a browser always sends Origin on a cross-site POST, so any
 * Origin other than ours is refused. Non-browser clients (curl, tests) send none and pass.
 */
export function sameOriginOnly(origins: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') {
      next();
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.includes(origin)) {
      next(new DemoError('FORBIDDEN_ORIGIN', 'Requests from other sites are not accepted.'));
      return;
    }
    next();
  };
}

/** The JSON body of a request, refusing other media types (an empty body counts as `{}`). */
export function jsonBody(req: Request): unknown {
  const length = req.headers['content-length'];
  const hasBody = (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return {};
  if (!req.is('application/json')) {
    throw new DemoError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.');
  }
  return req.body;
}

/** The workspace the session middleware attached to this response. */
export function workspaceOf(res: Response): Workspace {
  const ws: unknown = res.locals.workspace;
  if (typeof ws !== 'object' || ws === null) throw new Error('workspaceSession middleware is not installed');
  return ws as Workspace;
}
