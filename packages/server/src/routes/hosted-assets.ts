import { stat } from 'node:fs/promises';
import path from 'node:path';
import express from 'express';
import type { Express, NextFunction, Request, Response } from 'express';
import type { AppContext } from '../context';

/** Hashed names never change content: a year, and no revalidation on reload. */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** The build writes these beside each text asset (apps/hosted/vite-precompress.ts); best first. */
const VARIANTS = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;
type Encoding = (typeof VARIANTS)[number]['encoding'];

/** One file name, no folders: hashed build output only, nothing to traverse. */
const ASSET_NAME = /^\/[\w-][\w.-]*$/;
const VARIANT_SUFFIX = /\.(br|gz)$/;

/**
 * The encodings an `Accept-Encoding` header accepts (q > 0), of the ones we keep precompressed.
 * `*` covers the ones it does not name; an absent header accepts none of them (identity only).
 */
export function acceptedEncodings(header: string | undefined): Set<Encoding> {
  const q = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part
      .toLowerCase()
      .split(';')
      .map((p) => p.trim());
    if (name === '') continue;
    const qParam = params.find((p) => p.startsWith('q='));
    const value = qParam === undefined ? 1 : Number(qParam.slice(2));
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const accepted = new Set<Encoding>();
  for (const { encoding } of VARIANTS) {
    const value = q.get(encoding) ?? q.get('*') ?? 0;
    if (value > 0) accepted.add(encoding);
  }
  return accepted;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * Static assets of the hosted flow under /connect/assets: the build's precompressed `.br` / `.gz` file when
 * the browser accepts it (`Content-Encoding`, `Vary: Accept-Encoding`), else the file itself; hashed names,
 * so cached for a year. Nothing is compressed per request.
 */
export function mountHostedAssets(app: Express, ctx: AppContext): void {
  const dir = path.join(ctx.config.hostedDist, 'assets');
  const chooseVariant = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const [pathname = '', query] = req.url.split('?', 2);
    // The variants are served in place of their file only, never by their own name.
    if (!ASSET_NAME.test(pathname) || VARIANT_SUFFIX.test(pathname)) return next('router');
    res.vary('Accept-Encoding');
    const accepted = acceptedEncodings(req.get('accept-encoding'));
    for (const v of VARIANTS) {
      if (!accepted.has(v.encoding) || !(await isFile(path.join(dir, pathname + v.suffix)))) continue;
      res.locals.assetEncoding = v.encoding;
      res.locals.assetType = path.extname(pathname);
      req.url = pathname + v.suffix + (query === undefined ? '' : `?${query}`);
      break;
    }
    next();
  };
  const assets = express.Router();
  assets.use(
    (req, res, next) => void chooseVariant(req, res, next).catch(next),
    express.static(dir, {
      index: false,
      fallthrough: true,
      // Weak validators would revalidate what never changes; the immutable max-age says it all.
      etag: false,
      setHeaders: (res: Response) => {
        res.setHeader('Cache-Control', ASSET_CACHE_CONTROL);
        const encoding = res.locals.assetEncoding as Encoding | undefined;
        if (encoding === undefined) return;
        res.setHeader('Content-Encoding', encoding);
        // The file's own type (send would name the .br/.gz file's), set before send looks.
        res.type(res.locals.assetType as string);
      },
    }),
  );
  app.use('/connect/assets', assets);
}
