/**
 * MaintainX public API v1 (`https://api.getmaintainx.com/v1`), bearer API key [K/C].
 *
 * Calls we make: `GET /v1/users?limit=1` (proves the key) [K], then `GET /v1/workorders|assets|parts|
 * purchaseorders?limit=1` [U paths]. A key made for several organizations needs `X-Organization-Id` [K/C].
 *
 * Signals: 401 for an unknown or deleted key [K]; 400 when a multi-organization key names no organization
 * [U]; 403 when the organization's plan has no API access [U]; 429 with Retry-After [U]. Bodies
 * `{errors: [{message}]}` are the simulator's best guess [U].
 */
import express from 'express';
import type { Request, Response } from 'express';
import { answerAfter, bearerToken, notFoundHtml, sendJson } from '../kit/http';

interface MaintainXKey {
  /** Organizations the key may act for; more than one makes X-Organization-Id mandatory. */
  orgs: string[];
  noApiPlan?: boolean;
  throttled?: boolean;
  slow?: boolean;
}

export const MAINTAINX_KEYS: Record<string, MaintainXKey> = {
  mx_good_key: { orgs: ['48213'] },
  mx_multi_org_key: { orgs: ['48213', '51877'] },
  mx_no_api_plan_key: { orgs: ['60021'], noApiPlan: true },
  mx_throttled_key: { orgs: ['48213'], throttled: true },
  mx_slow_key: { orgs: ['48213'], slow: true },
};

const LISTS: Record<string, { key: string; row: Record<string, unknown> }> = {
  users: {
    key: 'users',
    row: { id: 902, firstName: 'Morgan', lastName: 'Lee', email: 'morgan.lee@acme.example', role: 'ADMIN' },
  },
  workorders: {
    key: 'workOrders',
    row: { id: 7781, title: 'Replace filter on AHU-3', status: 'OPEN', priority: 'MEDIUM' },
  },
  assets: { key: 'assets', row: { id: 3310, name: 'AHU-3', locationId: 12 } },
  parts: { key: 'parts', row: { id: 551, name: 'Pleated filter 20x25x2', availableQuantity: 18 } },
  purchaseorders: { key: 'purchaseOrders', row: { id: 122, title: 'Filters Q3', status: 'APPROVED' } },
};

export interface MaintainXState {
  requests: number;
  rejected: number;
  reset(): void;
}

export function createMaintainXApp(opts: { credentialSlowMs?: number } = {}): {
  app: express.Express;
  state: MaintainXState;
} {
  const slowMs = opts.credentialSlowMs ?? 20_000;
  const state: MaintainXState = {
    requests: 0,
    rejected: 0,
    reset() {
      this.requests = 0;
      this.rejected = 0;
    },
  };
  const fail = (res: Response, status: number, message: string) =>
    sendJson(res, status, { errors: [{ message }] });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.get('/v1/:list', (req: Request, res: Response) => {
    const list = LISTS[String(req.params['list'])];
    if (list === undefined) return fail(res, 404, 'Not found');
    state.requests++;
    const token = bearerToken(req.get('authorization'));
    const key = token === null ? undefined : MAINTAINX_KEYS[token];
    if (key === undefined) {
      state.rejected++;
      return fail(res, 401, 'Unauthorized');
    }
    const org = req.get('x-organization-id');
    if (org === undefined && key.orgs.length > 1) {
      return fail(
        res,
        400,
        'This API key has access to several organizations: set the X-Organization-Id header.',
      );
    }
    if (org !== undefined && !key.orgs.includes(org))
      return fail(res, 403, 'The API key has no access to this organization.');
    if (key.noApiPlan === true)
      return fail(res, 403, 'API access is not available on your organization plan.');
    if (key.throttled === true) {
      res.set('Retry-After', '60');
      return fail(res, 429, 'Too many requests');
    }
    const limit = Math.max(1, Number(req.query['limit'] ?? 100) || 100);
    answerAfter(res, key.slow === true ? slowMs : 0, () =>
      sendJson(res, 200, { [list.key]: [list.row].slice(0, limit), nextCursor: null }),
    );
  });
  app.use((_req, res) => notFoundHtml(res));
  return { app, state };
}
