/**
 * UpKeep API v2 (`https://api.onupkeep.com/api/v2`), session login.
 *
 * Calls we make: `POST /api/v2/auth` `{email, password}` → `{success: true, result: {sessionToken, expiresAt}}`
 * [K]; later calls carry the header `Session-Token` [K]; `DELETE /api/v2/auth` ends the session [K];
 * `GET /api/v2/work-orders?limit=1` and the like [K paths].
 *
 * Signals: bodies are `{success: false, message}`; a wrong email or password is 400 "Invalid username/password."
 * (UpKeep runs on Parse, whose login error this is) [U status and text]; a missing or ended session 401 [U];
 * a role that cannot see a list 403 [U]; throttling 429 with Retry-After [U].
 */
import express from 'express';
import type { Request, Response } from 'express';
import { answerAfter, notFoundHtml, opaqueToken, sendJson } from '../kit/http';

export const UPKEEP_PASSWORD = 'Sandbox-Pass-1';

interface UpKeepAccount {
  email: string;
  name: string;
  role: 'Administrator' | 'Technician' | 'Requester';
  throttled?: boolean;
  slow?: boolean;
}

/** Email (lower case) → account; every account's password is UPKEEP_PASSWORD. */
export const UPKEEP_ACCOUNTS: Record<string, UpKeepAccount> = {
  'admin@acme.example': { email: 'admin@acme.example', name: 'Avery Admin', role: 'Administrator' },
  'requester@acme.example': { email: 'requester@acme.example', name: 'Riley Requester', role: 'Requester' },
  'throttled@acme.example': {
    email: 'throttled@acme.example',
    name: 'Busy Integration',
    role: 'Administrator',
    throttled: true,
  },
  'slow@acme.example': {
    email: 'slow@acme.example',
    name: 'Slow Network',
    role: 'Administrator',
    slow: true,
  },
};

/** Lists and the roles that may read them (Requesters see only their own requests). */
const LISTS: Record<string, { roles: UpKeepAccount['role'][]; row: Record<string, unknown> }> = {
  'work-orders': {
    roles: ['Administrator', 'Technician'],
    row: { id: 'wo_8xK2', title: 'Lubricate conveyor', status: 'open' },
  },
  assets: {
    roles: ['Administrator', 'Technician'],
    row: { id: 'as_3Fq9', name: 'Air compressor AC-2', serial: 'AC2-7781' },
  },
  parts: { roles: ['Administrator', 'Technician'], row: { id: 'pt_1Lm4', name: 'V-belt B48', quantity: 14 } },
  'purchase-orders': {
    roles: ['Administrator'],
    row: { id: 'po_7Zt1', title: 'Belts restock', status: 'approved' },
  },
};

export interface UpKeepState {
  /** Sign-in requests received. */
  authAttempts: number;
  logins: number;
  failedLogins: number;
  logouts: number;
  readonly openSessions: number;
  reset(): void;
}

export function createUpKeepApp(opts: { credentialSlowMs?: number } = {}): {
  app: express.Express;
  state: UpKeepState;
} {
  const slowMs = opts.credentialSlowMs ?? 20_000;
  const sessions = new Map<string, UpKeepAccount>();
  const state: UpKeepState = {
    authAttempts: 0,
    logins: 0,
    failedLogins: 0,
    logouts: 0,
    get openSessions() {
      return sessions.size;
    },
    reset() {
      this.authAttempts = 0;
      this.logins = 0;
      this.failedLogins = 0;
      this.logouts = 0;
      sessions.clear();
    },
  };
  const fail = (res: Response, status: number, message: string) =>
    sendJson(res, status, { success: false, message });
  const session = (req: Request) => sessions.get(req.get('session-token') ?? '');

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(express.json({ limit: '64kb' }));

  app.post('/api/v2/auth', (req, res) => {
    state.authAttempts++;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const account =
      typeof body['email'] === 'string' ? UPKEEP_ACCOUNTS[body['email'].toLowerCase()] : undefined;
    if (account === undefined || body['password'] !== UPKEEP_PASSWORD) {
      state.failedLogins++;
      return fail(res, 400, 'Invalid username/password.');
    }
    if (account.throttled === true) {
      res.set('Retry-After', '60');
      return fail(res, 429, 'Too many requests. Please slow down.');
    }
    answerAfter(res, account.slow === true ? slowMs : 0, () => {
      const token = `r:${opaqueToken(16)}`;
      sessions.set(token, account);
      state.logins++;
      sendJson(res, 200, {
        success: true,
        result: { sessionToken: token, expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() },
      });
    });
  });

  app.delete('/api/v2/auth', (req, res) => {
    const token = req.get('session-token') ?? '';
    if (!sessions.delete(token)) return fail(res, 401, 'Invalid session token');
    state.logouts++;
    sendJson(res, 200, { success: true, result: {} });
  });

  app.get('/api/v2/:list', (req, res, next) => {
    const list = LISTS[String(req.params['list'])];
    if (list === undefined) return next();
    const a = session(req);
    if (a === undefined) return fail(res, 401, 'Invalid session token');
    if (!list.roles.includes(a.role))
      return fail(res, 403, 'You do not have permission to access this resource.');
    const limit = Number(req.query['limit'] ?? 20) || 20;
    sendJson(res, 200, { success: true, results: [list.row].slice(0, limit) });
  });

  app.use((_req, res) => notFoundHtml(res));
  return { app, state };
}
