import { CatalogQuery } from '@flange/protocol';
import type { AppContext } from '../context';
import { authOf } from '../http/auth';
import type { RouteTable } from '../http/route-table';
import { parseOrThrow } from '../http/validate';
import { searchCatalog } from '../services/catalog';

/** GET /v1/connect/catalog?q=&category=&deployment= (session token): search the session's systems. */
export function register(routes: RouteTable, ctx: AppContext): void {
  routes.add('GET', '/v1/connect/catalog', 'session', (req, res) => {
    const { session } = authOf(res, 'session');
    const query = parseOrThrow(CatalogQuery, req.query, 'query');
    res.json(searchCatalog(ctx.connectors, session.systems, query));
  });
}
