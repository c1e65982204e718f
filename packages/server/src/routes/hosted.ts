import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
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

/** What Vite's `html.cspNonce` writes on the built page's tags (apps/hosted/vite.config.ts). */
export const CSP_NONCE_PLACEHOLDER = '__FLANGE_CSP_NONCE__';

/**
 * The built index.html with this response's nonce in place of the placeholder (module script, stylesheet,
 * `<meta property="csp-nonce">` the widget reads for its `<style>`), a nonce on any script the build left
 * without one, and the boot data before </head>.
 */
export function renderHostedPage(html: string, nonce: string, boot: HostedBoot): string {
  const withNonces = html
    .replaceAll(CSP_NONCE_PLACEHOLDER, nonce)
    .replace(/<script\b(?![^>]*\snonce=)/gi, `<script nonce="${nonce}"`);
  const bootTag = `<script type="application/json" id="flange-boot" nonce="${nonce}">${scriptJson(boot)}</script>`;
  return withNonces.includes('</head>')
    ? withNonces.replace('</head>', `${bootTag}</head>`)
    : bootTag + withNonces;
}

/**
 * The hosted page's CSP: its own scripts and styles only (files from us or elements with this response's
 * nonce; no inline `style` attributes in markup), API calls to us, framed only by the session's origins.
 */
export function hostedCsp(nonce: string, frameAncestors: string[]): string {
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors.length > 0 ? frameAncestors.join(' ') : "'none'"}`,
  ].join('; ');
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
