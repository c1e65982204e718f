import type { Request, RequestHandler } from 'express';
import { tokenKind } from '@flange/protocol';
import type { Environment, TokenKind } from '@flange/protocol';
import type { AppContext } from '../context';
import { hashToken, isWellFormed, maskToken, tokenEnvironment } from '../crypto/tokens';
import { authenticateConnectionToken } from '../services/connection-tokens';
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
  const header = req.get('authorization');
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
  if (!isWellFormed(kind, token)) {
    throw new ApiError('TOKEN_MALFORMED', {
      detail: `The bearer token is not a well-formed ${KIND_NAMES[kind]}: check it was copied whole.`,
    });
  }
  return token;
}

async function authenticate(ctx: AppContext, req: Request, kind: AuthKind): Promise<AuthContext> {
  const now = ctx.clock.now();
  const token = bearerToken(req, kind);
  const hash = hashToken(ctx.pepper, token);
  const masked = maskToken(token);
  if (kind === 'secret_key') {
    const k = await authenticateSecretKey(ctx.db, hash, now);
    if (k.environment !== tokenEnvironment(token))
      throw new ApiError('UNAUTHORIZED', { detail: 'The secret key is not valid.' });
    return { kind, masked, ...k };
  }
  if (kind === 'connection') {
    const t = await authenticateConnectionToken(ctx.db, hash, now);
    if (t.environment !== tokenEnvironment(token))
      throw new ApiError('UNAUTHORIZED', { detail: 'The connection token is not valid.' });
    return { kind, masked, ...t };
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

/** Middleware: authenticate the bearer token as `kind`, then run the plugins' after-auth hooks. */
export function requireAuth(ctx: AppContext, kind: AuthKind): RequestHandler {
  return async (req, res, next) => {
    const auth = await authenticate(ctx, req, kind);
    res.locals.auth = auth;
    if (auth.kind === 'session') checkSessionOrigin(ctx, req, auth.session);
    for (const plugin of ctx.plugins) {
      if (plugin.afterAuth) await plugin.afterAuth(req, res, auth);
    }
    next();
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
