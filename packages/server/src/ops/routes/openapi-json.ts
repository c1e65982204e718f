import type { RouteTable } from '../../http/route-table';
import type { OpenApiDocument } from '../openapi-document';

/** GET /openapi.json: the OpenAPI 3.1 document of the routes this server serves. */
export function register(routes: RouteTable, document: () => OpenApiDocument): void {
  routes.add('GET', '/openapi.json', 'none', (_req, res) => {
    res.json(document());
  });
}
