/**
 * Coupa Core API (`https://{instance}.coupahost.com`), OAuth 2.0 client credentials with scopes [V].
 *
 * Calls we make: `POST /oauth2/token` (form: `grant_type=client_credentials`, client id and secret, space-
 * separated scopes such as `core.purchase_order.read`) [V], then `GET /api/purchase_orders?limit=1`,
 * `/api/suppliers?limit=1`, `/api/items?limit=1` with `Accept: application/json` and the bearer [K].
 * The token endpoint is the shared standards-compliant OAuth server; Coupa's API keys are deprecated [V].
 *
 * Signals: `invalid_client` (401) and `invalid_scope` (400) from the token endpoint [K: RFC 6749 as Coupa's
 * OAuth server answers it]; the API answers 401 without a valid token and 403 when the token lacks the
 * resource's scope, with Coupa's `{"errors":{"error":[…]}}` body [K shape, U wording].
 */
import express from 'express';
import type { Request, Response } from 'express';
import { answerAfter, bearerToken, notFoundHtml, sendJson } from '../kit/http';
import { createOAuthServer } from '../oauth/oauth-server';
import type { OAuthServer } from '../oauth/oauth-server';

export const COUPA_SECRET = 'coupa-secret-good';
export const COUPA_ALL_SCOPES = ['core.purchase_order.read', 'core.supplier.read', 'core.item.read'];

export const COUPA_CLIENTS = {
  good: 'flange-coupa-client',
  suppliersOnly: 'flange-coupa-suppliers-only',
  slow: 'flange-coupa-slow',
} as const;

const RESOURCES: Record<string, { scope: string; row: Record<string, unknown> }> = {
  purchase_orders: {
    scope: 'core.purchase_order.read',
    row: { id: 3105, 'po-number': '3105', status: 'issued', 'created-at': '2025-03-04T10:12:00-08:00' },
  },
  suppliers: {
    scope: 'core.supplier.read',
    row: { id: 88, name: 'Acme Bearings Inc.', status: 'active', number: 'SUP-0088' },
  },
  items: {
    scope: 'core.item.read',
    row: { id: 2201, name: 'Bearing 6205-2RS', 'item-number': 'BRG-6205', active: true },
  },
};

export interface CoupaState {
  /** Token requests received. */
  tokenRequests: number;
  readonly tokensIssued: number;
  apiCalls: number;
  reset(): void;
}

export function createCoupaApp(opts: { credentialSlowMs?: number; issuer?: string } = {}): {
  app: express.Express;
  state: CoupaState;
  oauth: OAuthServer;
} {
  const slowMs = opts.credentialSlowMs ?? 20_000;
  const oauth = createOAuthServer({
    issuer: opts.issuer ?? 'https://acme.coupahost.com',
    accessTokenLifetimeSeconds: 86_400,
    clients: [
      {
        clientId: COUPA_CLIENTS.good,
        clientSecret: COUPA_SECRET,
        grants: ['client_credentials'],
        scopes: COUPA_ALL_SCOPES,
        subject: 'oauth-app-17',
      },
      {
        clientId: COUPA_CLIENTS.suppliersOnly,
        clientSecret: COUPA_SECRET,
        grants: ['client_credentials'],
        scopes: ['core.supplier.read'],
        subject: 'oauth-app-18',
      },
      {
        clientId: COUPA_CLIENTS.slow,
        clientSecret: COUPA_SECRET,
        grants: ['client_credentials'],
        scopes: COUPA_ALL_SCOPES,
        subject: 'oauth-app-19',
      },
    ],
    // Doorkeeper-style answers (Coupa is a Rails application): invalid_client is always 401 [K].
    formatError: (r) => ({
      status: r.error === 'invalid_client' ? 401 : r.status,
      body: {
        error: r.error,
        error_description:
          r.error === 'invalid_client'
            ? 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.'
            : r.error === 'invalid_scope'
              ? 'The requested scope is invalid, unknown, or malformed.'
              : r.description,
      },
    }),
    shapeTokenResponse: (body) => ({ ...body, token_type: 'bearer' }),
  });
  let apiCalls = 0;
  const state: CoupaState = {
    tokenRequests: 0,
    get tokensIssued() {
      return oauth.issued;
    },
    get apiCalls() {
      return apiCalls;
    },
    set apiCalls(v: number) {
      apiCalls = v;
    },
    reset() {
      this.tokenRequests = 0;
      apiCalls = 0;
    },
  };
  const fail = (res: Response, status: number, message: string) =>
    sendJson(res, status, { errors: { error: [message] } });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.post('/oauth2/token', express.urlencoded({ extended: false, limit: '16kb' }), (req, res) => {
    state.tokenRequests++;
    void oauth.tokenHandler(req, res);
  });
  app.get('/api/:resource', (req: Request, res: Response, next) => {
    const r = RESOURCES[String(req.params['resource'])];
    if (r === undefined) return next();
    apiCalls++;
    const raw = bearerToken(req.get('authorization'));
    const claims = raw === null ? null : oauth.verify(raw);
    if (claims === null)
      return fail(res, 401, 'Unauthorized: the access token is missing, invalid or expired.');
    const scopes = (claims.scope ?? '').split(' ');
    if (!scopes.includes(r.scope))
      return fail(res, 403, `Access denied: the token lacks the scope ${r.scope}.`);
    const limit = Math.max(1, Number(req.query['limit'] ?? 50) || 50);
    answerAfter(res, claims.client_id === COUPA_CLIENTS.slow ? slowMs : 0, () =>
      sendJson(res, 200, [r.row].slice(0, limit)),
    );
  });
  app.use((_req, res) => notFoundHtml(res));
  return { app, state, oauth };
}
