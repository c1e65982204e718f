/**
 * Samsara REST API (`https://api.samsara.com`, EU cloud `https://api.eu.samsara.com`), bearer API token [K].
 *
 * Calls we make: `GET /me` → `{data: {id, name}}` (the organization) [K: Nango's and public code's check],
 * then `GET /fleet/vehicles?limit=1` and `GET /assets?limit=1` [K paths]. API tokens carry scopes chosen when
 * they are created (read vehicles, read assets…) [K]. The EU cloud is served under `/eu` here.
 *
 * Signals: 401 for an unknown or revoked token, 403 for a missing scope, 429 with Retry-After when throttled
 * [K statuses; U bodies `{message, requestId}`].
 */
import { randomUUID } from 'node:crypto';
import express from 'express';
import type { Request, Response } from 'express';
import { answerAfter, bearerToken, notFoundHtml, sendJson } from '../kit/http';

type Region = 'us' | 'eu';

interface SamsaraToken {
  region: Region;
  org: { id: string; name: string };
  scopes: string[];
  throttled?: boolean;
  slow?: boolean;
}

const ALL = ['Read Vehicles', 'Read Assets'];
const acme = { id: '8004312', name: 'Acme Logistics' };
const acmeEu = { id: '9100277', name: 'Acme Logistics Europe B.V.' };

export const SAMSARA_TOKENS: Record<string, SamsaraToken> = {
  samsara_api_GOODtoken0000000000000000: { region: 'us', org: acme, scopes: ALL },
  samsara_api_EUgoodtoken00000000000000: { region: 'eu', org: acmeEu, scopes: ALL },
  samsara_api_NOVEHICLES000000000000000: { region: 'us', org: acme, scopes: ['Read Assets'] },
  samsara_api_THROTTLED0000000000000000: { region: 'us', org: acme, scopes: ALL, throttled: true },
  samsara_api_SLOW000000000000000000000: { region: 'us', org: acme, scopes: ALL, slow: true },
};

const LISTS: Record<string, { scope: string; row: Record<string, unknown> }> = {
  '/fleet/vehicles': {
    scope: 'Read Vehicles',
    row: { id: '212014918086169', name: 'Truck 42', vin: '1FUJGLDR5CLBP8834' },
  },
  '/assets': {
    scope: 'Read Assets',
    row: { id: '281474982859091', name: 'Reefer trailer 7', type: 'trailer' },
  },
};

export interface SamsaraState {
  requests: number;
  rejected: number;
  reset(): void;
}

export function createSamsaraApp(opts: { credentialSlowMs?: number } = {}): {
  app: express.Express;
  state: SamsaraState;
} {
  const slowMs = opts.credentialSlowMs ?? 20_000;
  const state: SamsaraState = {
    requests: 0,
    rejected: 0,
    reset() {
      this.requests = 0;
      this.rejected = 0;
    },
  };
  const fail = (res: Response, status: number, message: string) =>
    sendJson(res, status, { message, requestId: randomUUID() });

  const authed = (region: Region, req: Request, res: Response): SamsaraToken | undefined => {
    state.requests++;
    const raw = bearerToken(req.get('authorization'));
    const token = raw === null ? undefined : SAMSARA_TOKENS[raw];
    if (token === undefined || token.region !== region) {
      state.rejected++;
      fail(res, 401, 'Unauthorized');
      return undefined;
    }
    if (token.throttled === true) {
      res.set('Retry-After', '1');
      fail(res, 429, 'Rate limit exceeded');
      return undefined;
    }
    return token;
  };

  const routes = (region: Region) => {
    const r = express.Router();
    r.get('/me', (req, res) => {
      const t = authed(region, req, res);
      if (t === undefined) return;
      answerAfter(res, t.slow === true ? slowMs : 0, () =>
        sendJson(res, 200, { data: { id: t.org.id, name: t.org.name } }),
      );
    });
    for (const [path, list] of Object.entries(LISTS)) {
      r.get(path, (req, res) => {
        const t = authed(region, req, res);
        if (t === undefined) return;
        if (!t.scopes.includes(list.scope))
          return fail(res, 403, `The API token does not have the '${list.scope}' permission.`);
        sendJson(res, 200, { data: [list.row], pagination: { endCursor: '', hasNextPage: false } });
      });
    }
    return r;
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use('/eu', routes('eu'));
  app.use('/', routes('us'));
  app.use((_req, res) => notFoundHtml(res));
  return { app, state };
}
