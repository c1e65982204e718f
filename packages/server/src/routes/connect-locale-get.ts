import { createHash } from 'node:crypto';
import { Locale } from '@flange/protocol';
import { CATALOGS } from '@flange/protocol/i18n/catalogs';
import { ApiError } from '../http/problem';
import type { RouteTable } from '../http/route-table';

/** A catalog changes only with a deploy: a day in caches, revalidated by its ETag after that. */
const CACHE_CONTROL = 'public, max-age=86400, stale-while-revalidate=604800';

/** Each catalog serialised once, with the strong ETag of its bytes. */
const SERVED = new Map(
  Locale.options.map((locale) => {
    const body = JSON.stringify(CATALOGS[locale]);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    return [locale as string, { body, etag }];
  }),
);

/** Whether an If-None-Match list names this ETag (weak comparison, RFC 9110 §13.1.2). */
function notModified(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

/**
 * GET /v1/connect/locales/:locale (no token): the connect flow's messages in one language. The widget
 * ships English only and fetches any other language here, from its API base; the catalog is public
 * text, so any origin may read it (no credentials) and caches may keep it.
 */
export function register(routes: RouteTable): void {
  routes.add('GET', '/v1/connect/locales/:locale', 'none', (req, res) => {
    const served = SERVED.get(String(req.params.locale));
    if (!served) {
      throw new ApiError('NOT_FOUND', {
        detail: `No messages for this locale; available: ${Locale.options.join(', ')}.`,
      });
    }
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cache-Control', CACHE_CONTROL);
    res.setHeader('ETag', served.etag);
    if (notModified(req.get('if-none-match'), served.etag)) {
      res.status(304).end();
      return;
    }
    res.type('application/json').send(served.body);
  });
}
