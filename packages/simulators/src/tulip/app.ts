/**
 * Tulip API v3 (`https://{instance}.tulip.co/api/v3`), HTTP Basic with an API token's key and secret [V].
 *
 * API tokens are created under Settings → API Tokens, carry scopes chosen at creation (`tables:read`,
 * `stations:read`, …) and show their secret once [V]. Calls we make: `GET /api/v3/tables?limit=1` (proves the
 * token and the tables scope) and `GET /api/v3/stations?limit=1` [U path for stations].
 *
 * Signals: 401 for an unknown, revoked or wrong-secret token; 403 naming the missing scope [U bodies
 * `{errorCode, message}`]; 429 when throttled [U].
 */
import express from 'express';
import type { Request, Response } from 'express';
import { answerAfter, decodeBasic, notFoundHtml, sendJson } from '../kit/http';

interface TulipToken {
  secret: string;
  scopes: string[];
  throttled?: boolean;
  slow?: boolean;
}

export const TULIP_TOKENS: Record<string, TulipToken> = {
  'apikey.2_FLANGEgoodKEY': { secret: 'tulip-secret-good', scopes: ['tables:read', 'stations:read'] },
  'apikey.2_TABLESonlyKEY': { secret: 'tulip-secret-good', scopes: ['tables:read'] },
  'apikey.2_NOscopesKEY00': { secret: 'tulip-secret-good', scopes: [] },
  'apikey.2_THROTTLEDkey0': {
    secret: 'tulip-secret-good',
    scopes: ['tables:read', 'stations:read'],
    throttled: true,
  },
  'apikey.2_SLOWkey000000': {
    secret: 'tulip-secret-good',
    scopes: ['tables:read', 'stations:read'],
    slow: true,
  },
};

const COLLECTIONS: Record<string, { scope: string; row: Record<string, unknown> }> = {
  tables: {
    scope: 'tables:read',
    row: { id: 'T7xK2mQp9', label: 'Defects', description: 'Defects logged at inspection' },
  },
  stations: {
    scope: 'stations:read',
    row: { id: 'S3bN8vLq1', name: 'Assembly cell 4', stationGroupId: 'G1' },
  },
};

export interface TulipState {
  requests: number;
  rejected: number;
  reset(): void;
}

export function createTulipApp(opts: { credentialSlowMs?: number } = {}): {
  app: express.Express;
  state: TulipState;
} {
  const slowMs = opts.credentialSlowMs ?? 20_000;
  const state: TulipState = {
    requests: 0,
    rejected: 0,
    reset() {
      this.requests = 0;
      this.rejected = 0;
    },
  };
  const fail = (res: Response, status: number, errorCode: string, message: string) =>
    sendJson(res, status, { errorCode, message });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.get('/api/v3/:collection', (req: Request, res: Response) => {
    const c = COLLECTIONS[String(req.params['collection'])];
    if (c === undefined) return fail(res, 404, 'NOT_FOUND', 'Not found');
    state.requests++;
    const creds = decodeBasic(req.get('authorization'));
    const token = creds === null ? undefined : TULIP_TOKENS[creds.user];
    if (token === undefined || creds?.password !== token.secret) {
      state.rejected++;
      return fail(res, 401, 'UNAUTHORIZED', 'Invalid API token credentials.');
    }
    if (token.throttled === true) {
      res.set('Retry-After', '10');
      return fail(res, 429, 'TOO_MANY_REQUESTS', 'Rate limit exceeded.');
    }
    if (!token.scopes.includes(c.scope))
      return fail(res, 403, 'FORBIDDEN', `The API token is missing the required scope ${c.scope}.`);
    const limit = Math.max(1, Number(req.query['limit'] ?? 100) || 100);
    answerAfter(res, token.slow === true ? slowMs : 0, () => sendJson(res, 200, [c.row].slice(0, limit)));
  });
  app.use((_req, res) => notFoundHtml(res));
  return { app, state };
}
