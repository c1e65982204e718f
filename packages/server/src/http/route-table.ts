import type { Express, RequestHandler } from 'express';
import type { AppContext } from '../context';
import { requireAuth } from './auth';
import type { AuthKind } from './auth';
import { preflight, sessionCors } from './cors';
import { ApiError } from './problem';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** One route: method, Express path, which token it takes, and its handlers. */
export interface RouteDef {
  method: Method;
  path: string;
  auth: AuthKind | 'none';
  handlers: RequestHandler[];
}

/**
 * Every API route in one table, so each path answers a wrong method with 405 and its Allow list,
 * session routes get CORS and preflight, and every route gets its authentication the same way.
 */
export class RouteTable {
  readonly #routes: RouteDef[] = [];

  add(method: Method, path: string, auth: RouteDef['auth'], ...handlers: RequestHandler[]): void {
    this.#routes.push({ method, path, auth, handlers });
  }

  list(): readonly RouteDef[] {
    return this.#routes;
  }

  /** Register the table on `app`. */
  mount(app: Express, ctx: AppContext): void {
    const byPath = new Map<string, RouteDef[]>();
    for (const r of this.#routes) byPath.set(r.path, [...(byPath.get(r.path) ?? []), r]);
    for (const [path, defs] of byPath) {
      const methods = [...new Set(defs.map((d) => d.method))];
      const allow = methods.includes('GET') ? [...methods, 'HEAD'] : methods;
      const session = defs.some((d) => d.auth === 'session');
      if (session) app.options(path, preflight(methods));
      for (const d of defs) {
        const chain: RequestHandler[] = [];
        if (d.auth === 'session') chain.push(sessionCors);
        const [first, ...rest] = d.handlers;
        if (d.auth !== 'none') chain.push(requireAuth(ctx, d.auth, first), ...rest);
        else chain.push(...d.handlers);
        if (d.method === 'GET') app.get(path, ...chain);
        else if (d.method === 'POST') app.post(path, ...chain);
        else if (d.method === 'PATCH') app.patch(path, ...chain);
        else app.delete(path, ...chain);
      }
      const allowHeader = (session ? [...allow, 'OPTIONS'] : allow).join(', ');
      app.all(path, (req) => {
        throw new ApiError('METHOD_NOT_ALLOWED', {
          detail: `${req.method} is not allowed here; use ${allowHeader}.`,
          headers: { Allow: allowHeader },
        });
      });
    }
  }
}
