import { randomBytes } from 'node:crypto';
import type { RouteTable } from '../../http/route-table';
import { NONCE_SLOT } from '../docs-page';

/** The reference page's CSP: its one inline stylesheet under the nonce, nothing else loads or runs. */
export function docsCsp(nonce: string): string {
  return [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** GET /docs: the API reference, rendered server-side from the OpenAPI document (no script). */
export function register(routes: RouteTable, page: () => string): void {
  routes.add('GET', '/docs', 'none', (_req, res) => {
    const nonce = randomBytes(16).toString('base64');
    res.setHeader('Content-Security-Policy', docsCsp(nonce));
    res.type('text/html; charset=utf-8').send(page().replaceAll(NONCE_SLOT, nonce));
  });
}
