import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { tokenKind } from '@flange/protocol';
import type { Environment, TokenKind } from '@flange/protocol';
import type { AppContext } from '../context';
import { TokenHashes, isWellFormed, maskToken, tokenEnvironment } from '../crypto/tokens';
import { authenticateConnectionToken, rememberedTokenEntry } from '../services/connection-tokens';
import type { ConnectionTokenAuth } from '../services/connection-tokens';
import { authenticateSecretKey } from '../services/secret-keys';
import { findSessionByTokenHash } from '../services/sessions';
import type { SessionRow } from '../services/sessions';
import { ApiError } from './problem';

/** Who made a request, once its bearer token checked out. */
export type AuthContext =
  | {
      kind: 'secret_key';
      masked: string;
      secretKeyId: string;
      environmentId: string;
      environment: Environment;
      accountId: string;
    }
  | { kind: 'session'; masked: string; session: SessionRow }
  | {
      kind: 'connection';
      masked: string;
      tokenId: string;
      connectionId: string;
      environmentId: string;
      environment: Environment;
    };

export type AuthKind = AuthContext['kind'];

const KIND_NAMES: Record<TokenKind, string> = {
  secret_key: 'a secret key (flk_…)',
  session: 'a connect session token (fls_…)',
  public: 'a public token (flp_…)',
  connection: 'a connection token (flc_…)',
  handoff: 'a handoff token (flh_…)',
};

/** The bearer token of a request, shape-checked for `expected` without touching storage. */
export function bearerToken(req: Request, expected: TokenKind): string {
  const token = bearerOfKind(req, expected);
  if (!isWellFormed(expected, token)) throw malformed(expected);
  return token;
}

/** The bearer token of a request, when it names the `expected` kind; its shape is not checked yet. */
function bearerOfKind(req: Request, expected: TokenKind): string {
  const header = req.headers.authorization;
  if (header === undefined || header.trim() === '') {
    throw new ApiError('UNAUTHORIZED', {
      detail: `Send ${KIND_NAMES[expected]} in the Authorization header: "Authorization: Bearer <token>".`,
    });
  }
  const m = /^Bearer[ ]+([^\s]+)[ ]*$/i.exec(header);
  if (!m?.[1]) {
    throw new ApiError('UNAUTHORIZED', { detail: 'The Authorization header must be "Bearer <token>".' });
  }
  const token = m[1];
  const kind = tokenKind(token);
  if (kind === null)
    throw new ApiError('TOKEN_MALFORMED', { detail: 'The bearer token is not a Flange token.' });
  if (kind !== expected) {
    throw new ApiError('WRONG_TOKEN_KIND', {
      detail: `This endpoint takes ${KIND_NAMES[expected]}; the request sent ${KIND_NAMES[kind]}.`,
    });
  }
  return token;
}

function malformed(kind: TokenKind): ApiError {
  return new ApiError('TOKEN_MALFORMED', {
    detail: `The bearer token is not a well-formed ${KIND_NAMES[kind]}: check it was copied whole.`,
  });
}

/** One token memory per pepper (per app), shared by every route's requireAuth. */
const memories = new WeakMap<Buffer, TokenHashes>();
function hashesFor(pepper: Buffer): TokenHashes {
  let h = memories.get(pepper);
  if (h === undefined) {
    h = new TokenHashes(pepper);
    memories.set(pepper, h);
  }
  return h;
}

/** The request's AuthContext: synchronous for a remembered connection token (the status route's polls). */
function authenticate(
  ctx: AppContext,
  req: Request,
  kind: AuthKind,
  hashes: TokenHashes,
): AuthContext | Promise<AuthContext> {
  const now = ctx.clock.now();
  const token = bearerOfKind(req, kind);
  // A token seen before passed the shape check then: its HMAC is remembered (under a digest, never itself).
  const key = hashes.key(token);
  let hash = hashes.known(key);
  if (hash === undefined) {
    if (!isWellFormed(kind, token)) throw malformed(kind);
    hash = hashes.remember(key, token);
  }
  if (kind === 'connection') {
    const entry = rememberedTokenEntry(ctx.connectionCache, hash, now);
    if (entry !== undefined) {
      // The entry is this token's (found by its HMAC) and never changes: so is what it authenticates as.
      let auth = connectionAuths.get(entry);
      if (auth === undefined) {
        auth = connectionAuth(token, entry);
        connectionAuths.set(entry, auth);
      }
      return auth;
    }
    return authenticateConnectionToken(ctx.db, hash, now, ctx.connectionCache).then((t) =>
      connectionAuth(token, t),
    );
  }
  return authenticateStored(ctx, token, kind, hash, now);
}

/** What a remembered token entry authenticates as, made once per entry (read-only, shared by requests). */
const connectionAuths = new WeakMap<ConnectionTokenAuth, AuthContext>();

function connectionAuth(token: string, t: ConnectionTokenAuth): AuthContext {
  if (t.environment !== tokenEnvironment(token))
    throw new ApiError('UNAUTHORIZED', { detail: 'The connection token is not valid.' });
  return {
    kind: 'connection',
    masked: maskToken(token),
    tokenId: t.tokenId,
    connectionId: t.connectionId,
    environmentId: t.environmentId,
    environment: t.environment,
  };
}

async function authenticateStored(
  ctx: AppContext,
  token: string,
  kind: 'secret_key' | 'session',
  hash: string,
  now: Date,
): Promise<AuthContext> {
  const masked = maskToken(token);
  if (kind === 'secret_key') {
    const k = await authenticateSecretKey(ctx.db, hash, now);
    if (k.environment !== tokenEnvironment(token))
      throw new ApiError('UNAUTHORIZED', { detail: 'The secret key is not valid.' });
    return { kind, masked, ...k };
  }
  const session = await findSessionByTokenHash(ctx.db, hash);
  if (!session) throw new ApiError('UNAUTHORIZED', { detail: 'The connect session token is not valid.' });
  if (session.expires_at.getTime() <= now.getTime()) {
    throw new ApiError('SESSION_EXPIRED', {
      detail: 'The connect session has expired; the host backend creates a new one.',
      display_message: 'This connection link has expired. Close this window and start again.',
    });
  }
  return { kind, masked, session };
}

/**
 * Middleware: authenticate the bearer token as `kind`, then run the plugins' after-auth hooks, then `then`
 * when given (the route's handler, called here rather than as a layer of its own: one less per request).
 * Nothing is awaited when every step can answer at once.
 */
export function requireAuth(ctx: AppContext, kind: AuthKind, then?: RequestHandler): RequestHandler {
  const hashes = hashesFor(ctx.pepper);
  const hooks = ctx.plugins.flatMap((p) => (p.afterAuth ? [p.afterAuth] : []));
  const run = (i: number, auth: AuthContext, req: Request, res: Response, next: NextFunction): unknown => {
    for (; i < hooks.length; i++) {
      const done = hooks[i]!(req, res, auth);
      if (done !== undefined) {
        const after = i + 1;
        return done.then(() => run(after, auth, req, res, next));
      }
    }
    if (then) return then(req, res, next);
    next();
  };
  const proceed = (auth: AuthContext, req: Request, res: Response, next: NextFunction): unknown => {
    res.locals.auth = auth;
    if (auth.kind === 'session') checkSessionOrigin(ctx, req, auth.session);
    return run(0, auth, req, res, next);
  };
  return (req, res, next) => {
    const auth = authenticate(ctx, req, kind, hashes);
    if (auth instanceof Promise) return auth.then((a) => proceed(a, req, res, next));
    return proceed(auth, req, res, next);
  };
}

/** Browsers send Origin; a session answers only its host's allowed origins and our own hosted flow. */
function checkSessionOrigin(ctx: AppContext, req: Request, session: SessionRow): void {
  const origin = req.get('origin');
  if (origin === undefined) return;
  if (origin === new URL(ctx.config.publicUrl).origin) return;
  if (session.allowed_origins.includes(origin)) return;
  throw new ApiError('ORIGIN_NOT_ALLOWED', {
    detail: `The origin ${origin.slice(0, 200)} is not in the session's allowed_origins.`,
  });
}

/** The authenticated context of a request (set by requireAuth), narrowed to `kind`. */
export function authOf<K extends AuthKind>(
  res: { locals: { auth?: AuthContext } },
  kind: K,
): Extract<AuthContext, { kind: K }> {
  const auth = res.locals.auth;
  if (auth?.kind !== kind) throw new Error(`route expected ${kind} auth`);
  return auth as Extract<AuthContext, { kind: K }>;
}
