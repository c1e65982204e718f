/**
 * Limble CMMS API v2, HTTP Basic with an API client id and secret [V].
 *
 * Limble runs separate regional clouds: `api.limblecmms.com` (US), `ca-api.`, `au-api.`, `eu-api.` and
 * `21cfr-api.limblecmms.com` [V]. A client exists in one region only, so the right keys on the wrong host are
 * refused like wrong keys. One simulator serves every region: the US host at the root and the others under
 * `/{region}` (the host override map points each regional host at its prefix).
 *
 * Calls we make: `GET /v2/locations?limit=1` (proves the keys), then `GET /v2/tasks|assets|parts?limit=1`
 * [U paths: Limble's v2 collection names]. Signals: 401 for bad or revoked keys, 429 with Retry-After when
 * throttled [U bodies].
 */
import express from 'express';
import type { Request, Response } from 'express';
import { answerAfter, decodeBasic, notFoundHtml, sendJson } from '../kit/http';

export const LIMBLE_REGIONS = ['us', 'ca', 'au', 'eu', '21cfr'] as const;
export type LimbleRegion = (typeof LIMBLE_REGIONS)[number];

interface LimbleClient {
  secret: string;
  region: LimbleRegion;
  company: string;
  throttled?: boolean;
  slow?: boolean;
}

export const LIMBLE_CLIENTS: Record<string, LimbleClient> = {
  us_client_good: { secret: 'us_secret_good', region: 'us', company: 'Acme Plastics (US)' },
  eu_client_good: { secret: 'eu_secret_good', region: 'eu', company: 'Acme Plastics GmbH' },
  us_client_throttled: {
    secret: 'us_secret_good',
    region: 'us',
    company: 'Acme Plastics (US)',
    throttled: true,
  },
  us_client_slow: { secret: 'us_secret_good', region: 'us', company: 'Acme Plastics (US)', slow: true },
};

const COLLECTIONS: Record<string, (c: LimbleClient) => Record<string, unknown>> = {
  locations: (c) => ({ locationID: 101, name: `${c.company} - Main plant`, region: c.region }),
  tasks: () => ({ taskID: 5521, name: 'Inspect extruder heater bands', statusID: 0, locationID: 101 }),
  assets: () => ({ assetID: 3301, name: 'Extruder line 2', locationID: 101 }),
  parts: () => ({ partID: 871, name: 'Heater band 2kW', quantity: 6, locationID: 101 }),
};

export interface LimbleState {
  requests: number;
  rejected: number;
  reset(): void;
}

export function createLimbleApp(opts: { credentialSlowMs?: number } = {}): {
  app: express.Express;
  state: LimbleState;
} {
  const slowMs = opts.credentialSlowMs ?? 20_000;
  const state: LimbleState = {
    requests: 0,
    rejected: 0,
    reset() {
      this.requests = 0;
      this.rejected = 0;
    },
  };

  const handle = (region: LimbleRegion) => (req: Request, res: Response) => {
    const make = COLLECTIONS[String(req.params['collection'])];
    if (make === undefined) return notFoundHtml(res);
    state.requests++;
    const creds = decodeBasic(req.get('authorization'));
    const client = creds === null ? undefined : LIMBLE_CLIENTS[creds.user];
    if (
      client === undefined ||
      creds === null ||
      client.secret !== creds.password ||
      client.region !== region
    ) {
      state.rejected++;
      res.set('WWW-Authenticate', 'Basic realm="Limble API"');
      return sendJson(res, 401, { status: 401, error: 'Unauthorized', message: 'Invalid API credentials.' });
    }
    if (client.throttled === true) {
      res.set('Retry-After', '30');
      return sendJson(res, 429, { status: 429, error: 'Too Many Requests', message: 'Rate limit exceeded.' });
    }
    const limit = Math.max(1, Number(req.query['limit'] ?? 50) || 50);
    answerAfter(res, client.slow === true ? slowMs : 0, () =>
      sendJson(res, 200, [make(client)].slice(0, limit)),
    );
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.get('/v2/:collection', handle('us'));
  for (const region of LIMBLE_REGIONS) app.get(`/${region}/v2/:collection`, handle(region));
  app.use((_req, res) => notFoundHtml(res));
  return { app, state };
}
