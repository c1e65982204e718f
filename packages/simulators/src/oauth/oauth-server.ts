/**
 * A standards-compliant OAuth 2.0 token endpoint for simulators (RFC 6749 §4.3 password and §4.4 client
 * credentials), built on the `@node-oauth/oauth2-server` library rather than hand-rolled, so request parsing,
 * client authentication (HTTP Basic or body), grant checks and error codes behave as a real server's do.
 * Access tokens are RS256 JWTs signed with a key made per server, so a resource-server simulator verifies
 * them the way a real API verifies its identity provider's tokens.
 *
 * API
 * ```ts
 * const oauth = createOAuthServer({
 *   issuer: 'https://login.example/tenant/v2.0',
 *   clients: [{ clientId: 'app', clientSecret: 's3cret', grants: ['client_credentials'], subject: 'app-sp' }],
 *   users: [{ username: 'svc', password: 'pw', subject: 'user-1' }],        // password grant only
 *   accessTokenLifetimeSeconds: 3600,                                         // default 3600
 *   audienceFromScope: (scopes) => 'https://api.example',                    // default: the issuer
 *   intercept: (req) => undefined | rejection,      // product failures decided before the library runs
 *   formatError: (rejection, req) => ({ status, body, headers }),  // product error bodies (Entra AADSTS…)
 *   shapeTokenResponse: (body, ctx) => ({ ...body, refresh_expires_in: 0 }),  // product token answer shape
 * });
 * app.post('/token', express.urlencoded({ extended: false }), oauth.tokenHandler);
 * oauth.verify(accessToken)   // → AccessTokenClaims | null (signature, issuer, expiry)
 * oauth.jwks                  // { keys: [publicJwk] } for a discovery document
 * oauth.issued                // tokens issued so far, for tests
 * ```
 * A client or user may carry `reject`: a failure answered after its secret or password matched (expired
 * secret, locked user, MFA required), so every scenario lives in data.
 */
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { signJwt, verifyJwt } from './jwt';
import type { Request as ExpressRequest, Response as ExpressResponse } from 'express';
import OAuth2Server from '@node-oauth/oauth2-server';

export type GrantType = 'client_credentials' | 'password';

/** A failure the token endpoint answers, in RFC 6749 §5.2 terms plus the product's reason. */
export interface OAuthRejection {
  status: number;
  error: string;
  description: string;
  /** Why, in the simulator's words: unknown_client, bad_secret, bad_user, invalid_scope, or a product reason. */
  reason: string;
  /** Extra fields for the product's error body (Entra `error_codes`, …). */
  extra?: Record<string, unknown>;
}

export interface OAuthClientRecord {
  clientId: string;
  clientSecret: string;
  grants: GrantType[];
  /** Scopes the client may be granted; undefined accepts any requested scope. */
  scopes?: string[];
  /** The token subject for client credentials (the service principal). */
  subject: string;
  claims?: Record<string, unknown>;
  reject?: OAuthRejection;
}

export interface OAuthUserRecord {
  username: string;
  password: string;
  subject: string;
  claims?: Record<string, unknown>;
  reject?: OAuthRejection;
}

/** The parsed token request, for `intercept`, `formatError` and `shapeTokenResponse`. */
export interface TokenRequest {
  grantType: string | undefined;
  clientId: string | undefined;
  scope: string | undefined;
  username: string | undefined;
  body: Record<string, string>;
  params: Record<string, string>;
}

export interface AccessTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  exp: number;
  iat: number;
  jti: string;
  client_id: string;
  scope?: string;
  [claim: string]: unknown;
}

export interface OAuthServerOptions {
  issuer: string;
  clients: OAuthClientRecord[];
  users?: OAuthUserRecord[];
  accessTokenLifetimeSeconds?: number;
  audienceFromScope?: (scopes: string[] | undefined, client: OAuthClientRecord) => string;
  intercept?: (req: TokenRequest) => OAuthRejection | undefined;
  formatError?: (
    rejection: OAuthRejection,
    req: TokenRequest,
  ) => { status: number; body: unknown; headers?: Record<string, string> };
  shapeTokenResponse?: (
    body: Record<string, unknown>,
    ctx: { req: TokenRequest; claims: AccessTokenClaims },
  ) => Record<string, unknown>;
}

export interface OAuthServer {
  tokenHandler: (req: ExpressRequest, res: ExpressResponse) => Promise<void>;
  verify: (token: string) => AccessTokenClaims | null;
  jwks: { keys: Record<string, unknown>[] };
  readonly issued: number;
}

/** Marks a library error with the simulator's reason so `formatError` can tell unknown client from bad secret. */
function reasoned<E extends Error>(error: E, reason: string): E {
  return Object.assign(error, { reason });
}

/** Create a token endpoint; see the file comment for the API. */
export function createOAuthServer(options: OAuthServerOptions): OAuthServer {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(8).toString('hex');
  const lifetime = options.accessTokenLifetimeSeconds ?? 3600;
  const clients = new Map(options.clients.map((c) => [c.clientId, c]));
  const users = new Map((options.users ?? []).map((u) => [u.username, u]));
  let issued = 0;

  const verifyToken = (token: string): AccessTokenClaims | null => {
    const claims = verifyJwt<AccessTokenClaims>(token, publicKey);
    if (!claims || claims.iss !== options.issuer || claims.exp < Math.floor(Date.now() / 1000)) return null;
    return claims;
  };

  const model = {
    async getAccessToken(token: string) {
      const claims = verifyToken(token);
      if (!claims) return null;
      return {
        accessToken: token,
        accessTokenExpiresAt: new Date(claims.exp * 1000),
        client: { id: claims.client_id, grants: [] as string[] },
        user: { subject: claims.sub },
      };
    },
    async getClient(clientId: string, clientSecret: string | undefined) {
      const client = clients.get(clientId);
      if (!client)
        throw reasoned(
          new OAuth2Server.InvalidClientError('Invalid client: client is invalid'),
          'unknown_client',
        );
      if (clientSecret !== client.clientSecret)
        throw reasoned(
          new OAuth2Server.InvalidClientError('Invalid client: client is invalid'),
          'bad_secret',
        );
      if (client.reject)
        throw Object.assign(new OAuth2Server.OAuthError(client.reject.description), {
          rejection: client.reject,
        });
      return { id: client.clientId, grants: client.grants, record: client };
    },
    async getUserFromClient(client: { record: OAuthClientRecord }) {
      return { subject: client.record.subject, claims: client.record.claims ?? {} };
    },
    async getUser(username: string, password: string) {
      const user = users.get(username);
      if (!user || user.password !== password)
        throw reasoned(
          new OAuth2Server.InvalidGrantError('Invalid grant: user credentials are invalid'),
          'bad_user',
        );
      if (user.reject)
        throw Object.assign(new OAuth2Server.OAuthError(user.reject.description), { rejection: user.reject });
      return { subject: user.subject, claims: user.claims ?? {} };
    },
    async validateScope(_user: unknown, client: { record: OAuthClientRecord }, scope: string[] | undefined) {
      const allowed = client.record.scopes;
      if (allowed === undefined) return scope ?? [];
      if ((scope ?? []).some((s) => !allowed.includes(s))) return false;
      return scope ?? [];
    },
    async generateAccessToken(): Promise<string> {
      // The JWT is built in saveToken, where the user and the expiry are known; this placeholder is replaced.
      return randomUUID();
    },
    async saveToken(
      token: { accessToken: string; accessTokenExpiresAt?: Date; refreshToken?: string; scope?: string[] },
      client: { record: OAuthClientRecord },
      user: { subject: string; claims: Record<string, unknown> },
    ) {
      const now = Math.floor(Date.now() / 1000);
      const scope = token.scope && token.scope.length > 0 ? token.scope.join(' ') : undefined;
      const claims: AccessTokenClaims = {
        ...client.record.claims,
        ...user.claims,
        iss: options.issuer,
        sub: user.subject,
        aud: options.audienceFromScope
          ? options.audienceFromScope(token.scope, client.record)
          : options.issuer,
        iat: now,
        exp: now + lifetime,
        jti: randomUUID(),
        client_id: client.record.clientId,
        ...(scope !== undefined ? { scope } : {}),
      };
      issued += 1;
      return { ...token, accessToken: signJwt(privateKey, kid, claims), client, user, claims };
    },
  };

  const server = new OAuth2Server({
    // The library types `client` as its own Client; ours carries the record too, which the library passes through.
    model: model as unknown as OAuth2Server.ServerOptions['model'],
    accessTokenLifetime: lifetime,
    refreshTokenLifetime: 14 * 24 * 3600,
    allowExtendedTokenAttributes: false,
  });

  const toRejection = (e: unknown): OAuthRejection => {
    const err = e as {
      rejection?: OAuthRejection;
      inner?: { reason?: string };
      name?: string;
      message?: string;
      code?: number;
      reason?: string;
    };
    if (err.rejection) return err.rejection;
    const status = typeof err.code === 'number' ? err.code : 500;
    return {
      status,
      error: err.name ?? 'server_error',
      description: err.message ?? 'Server error',
      // The library re-wraps a client error to answer 401 to Basic clients; the reason then sits on `inner`.
      reason:
        err.reason ??
        err.inner?.reason ??
        (err.name === 'invalid_scope' ? 'invalid_scope' : (err.name ?? 'server_error')),
    };
  };

  const send = (
    res: ExpressResponse,
    rejection: OAuthRejection,
    req: TokenRequest,
    libraryHeaders: Record<string, string> = {},
  ) => {
    const out = options.formatError
      ? options.formatError(rejection, req)
      : {
          status: rejection.status,
          body: { error: rejection.error, error_description: rejection.description },
        };
    res.set('Cache-Control', 'no-store');
    for (const [k, v] of Object.entries({ ...libraryHeaders, ...out.headers })) res.set(k, v);
    res.status(out.status).json(out.body);
  };

  return {
    jwks: { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' }] },
    get issued() {
      return issued;
    },
    async tokenHandler(req, res) {
      const body = (req.body ?? {}) as Record<string, string>;
      const tokenReq: TokenRequest = {
        grantType: body.grant_type,
        clientId: body.client_id ?? basicUser(req.get('authorization')),
        scope: body.scope,
        username: body.username,
        body,
        params: req.params as Record<string, string>,
      };
      const early = options.intercept?.(tokenReq);
      if (early) return send(res, early, tokenReq);
      const request = new OAuth2Server.Request({
        headers: req.headers as Record<string, string>,
        method: req.method,
        query: req.query as Record<string, string>,
        body,
      });
      const response = new OAuth2Server.Response({ headers: {} });
      try {
        const token = (await server.token(request, response)) as unknown as { claims: AccessTokenClaims };
        const answer = response.body as Record<string, unknown>;
        const shaped =
          options.shapeTokenResponse?.(answer, { req: tokenReq, claims: token.claims }) ?? answer;
        for (const [k, v] of Object.entries(response.headers ?? {})) res.set(k, v);
        res.status(200).json(shaped);
      } catch (e) {
        send(res, toRejection(e), tokenReq, response.headers ?? {});
      }
    },
    verify: verifyToken,
  };
}

function basicUser(header: string | undefined): string | undefined {
  if (!header?.toLowerCase().startsWith('basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0 ? undefined : decodeURIComponent(decoded.slice(0, i));
}
