import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import express from 'express';
import type { Express } from 'express';
import type { HostedBoot } from '@flange/protocol';
import type { AppContext } from '../context';
import { ApiError } from '../http/problem';
import type { RouteTable } from '../http/route-table';
import { findSessionById } from '../services/sessions';

const SESSION_ID = /^cs_[0-9A-Za-z]{24}$/;

/** JSON safe inside a <script> element (no `</script>`, no HTML comment openers, no line separators). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The built index.html with a nonce on every script and the boot data before </head>. */
export function renderHostedPage(html: string, nonce: string, boot: HostedBoot): string {
  const withNonces = html.replace(/<script\b/gi, `<script nonce="${nonce}"`);
  const bootTag = `<script type="application/json" id="flange-boot" nonce="${nonce}">${scriptJson(boot)}</script>`;
  return withNonces.includes('</head>')
    ? withNonces.replace('</head>', `${bootTag}</head>`)
    : bootTag + withNonces;
}

/** The hosted page's CSP: its own scripts only, API calls to us, framed only by the session's origins. */
export function hostedCsp(nonce: string, frameAncestors: string[]): string {
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors.length > 0 ? frameAncestors.join(' ') : "'none'"}`,
  ].join('; ');
}

/** Static assets of the hosted flow under /connect/assets (hashed names: cached for a year). */
export function mountHostedAssets(app: Express, ctx: AppContext): void {
  app.use(
    '/connect/assets',
    express.static(path.join(ctx.config.hostedDist, 'assets'), {
      index: false,
      fallthrough: true,
      setHeaders: (res) => res.setHeader('Cache-Control', 'public, max-age=31536000, immutable'),
    }),
  );
}

/** GET /connect?session=cs_…: the hosted flow page (the session token itself arrives by postMessage). */
export function register(routes: RouteTable, ctx: AppContext): void {
  let cached: { mtimeMs: number; html: string } | null = null;
  const indexPath = path.join(ctx.config.hostedDist, 'index.html');
  const loadIndex = async (): Promise<string | null> => {
    try {
      const s = await stat(indexPath);
      if (cached?.mtimeMs !== s.mtimeMs)
        cached = { mtimeMs: s.mtimeMs, html: await readFile(indexPath, 'utf8') };
      return cached.html;
    } catch {
      return null;
    }
  };

  routes.add('GET', '/connect', 'none', async (req, res) => {
    const html = await loadIndex();
    if (html === null) {
      res.locals.log.warn({ looked_in: indexPath }, 'hosted flow not built');
      throw new ApiError('SERVICE_UNAVAILABLE', {
        detail:
          'The hosted flow is not built. Run `pnpm --filter @flange/hosted build` (or set FLANGE_HOSTED_DIST); the server log says where it looked.',
      });
    }
    const raw = req.query.session;
    const sessionId = typeof raw === 'string' && SESSION_ID.test(raw) ? raw : null;
    // An expired session keeps its origins so the page can say "expired"; an unknown one is framed by no one.
    const session = sessionId === null ? null : await findSessionById(ctx.db, sessionId);
    const origins = session?.allowed_origins ?? [];
    const nonce = randomBytes(16).toString('base64');
    const boot: HostedBoot = {
      api_base: ctx.config.publicUrl,
      // '' tells the page the link names no session it can use.
      session_id: session ? session.id : '',
      allowed_origins: origins,
    };
    res.setHeader('Content-Security-Policy', hostedCsp(nonce, origins));
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(renderHostedPage(html, nonce, boot));
  });
}
