/**
 * Fishbowl Advanced REST API (on-prem server), session login.
 *
 * Calls we make: `POST /api/login` `{appName, appDescription, appId, username, password[, mfaCode]}` → 200
 * `{token, user, moduleAccessList, serverVersion}` [V]; later calls carry `Authorization: Bearer {token}`;
 * `POST /api/logout` [V]. Reads: `GET /api/parts?pageSize=1`, `GET /api/purchase-orders?pageSize=1`
 * [K paths; paged `{totalCount, totalPages, pageNumber, pageSize, results}` K].
 *
 * Signals: a user with MFA gets **401 with the response header `MFA: Required`**, and the client resends
 * the login with `mfaCode` [V]. An integrated app must be approved by an administrator inside Fishbowl on
 * its first login; until then its logins are refused [V fact; U status 403 and wording]. Seat exhaustion
 * [K that seats are licensed; U wording]. Error bodies `{message}` [U].
 */
import express from 'express';
import type { Request, Response } from 'express';
import { answerAfter, bearerToken, notFoundHtml, opaqueToken, sendJson } from '../kit/http';

export const FISHBOWL_PASSWORD = 'Sandbox-Pass-1';
/** The code the MFA user's authenticator shows in the sandbox. */
export const FISHBOWL_MFA_CODE = '123456';
export const FISHBOWL_SERVER_VERSION = '2024.10.16';

type Scenario = 'ok' | 'mfa' | 'approval_pending' | 'no_seats' | 'slow';

interface FishbowlUser {
  id: number;
  firstName: string;
  lastName: string;
  scenario: Scenario;
  modules: string[];
}

const ALL_MODULES = ['Part', 'Purchase Order', 'Inventory', 'Sales Order', 'Manufacture Order'];

export const FISHBOWL_USERS: Record<string, FishbowlUser> = {
  admin: { id: 1, firstName: 'Fishbowl', lastName: 'Admin', scenario: 'ok', modules: ALL_MODULES },
  receiving: {
    id: 5,
    firstName: 'Rae',
    lastName: 'Receiving',
    scenario: 'ok',
    modules: ['Part', 'Inventory'],
  },
  mfa_user: { id: 6, firstName: 'Morgan', lastName: 'Secure', scenario: 'mfa', modules: ALL_MODULES },
  approval_pending: {
    id: 7,
    firstName: 'New',
    lastName: 'Integration',
    scenario: 'approval_pending',
    modules: ALL_MODULES,
  },
  no_seats: { id: 8, firstName: 'Seat', lastName: 'Less', scenario: 'no_seats', modules: ALL_MODULES },
  slow: { id: 9, firstName: 'Slow', lastName: 'Network', scenario: 'slow', modules: ALL_MODULES },
};

const LISTS: Record<string, { module: string; row: Record<string, unknown> }> = {
  parts: {
    module: 'Part',
    row: { id: 101, partNumber: 'BRKT-200', description: 'Steel bracket 200 mm', uom: 'ea', active: true },
  },
  'purchase-orders': {
    module: 'Purchase Order',
    row: { id: 44, number: '10044', status: 'Issued', vendorName: 'Acme Steel' },
  },
};

export interface FishbowlState {
  /** Login requests received. */
  authAttempts: number;
  logins: number;
  failedLogins: number;
  logouts: number;
  readonly openSessions: number;
  /** App ids that asked to connect and wait for an administrator's approval. */
  readonly pendingApps: readonly number[];
  reset(): void;
}

export function createFishbowlApp(opts: { credentialSlowMs?: number } = {}): {
  app: express.Express;
  state: FishbowlState;
} {
  const slowMs = opts.credentialSlowMs ?? 20_000;
  const sessions = new Map<string, FishbowlUser>();
  const pending = new Set<number>();
  const state: FishbowlState = {
    authAttempts: 0,
    logins: 0,
    failedLogins: 0,
    logouts: 0,
    get openSessions() {
      return sessions.size;
    },
    get pendingApps() {
      return [...pending];
    },
    reset() {
      this.authAttempts = 0;
      this.logins = 0;
      this.failedLogins = 0;
      this.logouts = 0;
      sessions.clear();
      pending.clear();
    },
  };
  const fail = (res: Response, status: number, message: string) => sendJson(res, status, { message });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(express.json({ limit: '64kb' }));

  app.post('/api/login', (req, res) => {
    state.authAttempts++;
    const b = (req.body ?? {}) as Record<string, unknown>;
    if (typeof b['appName'] !== 'string' || typeof b['appId'] !== 'number')
      return fail(res, 400, 'appName and appId are required.');
    const username = typeof b['username'] === 'string' ? b['username'].toLowerCase() : '';
    const user = FISHBOWL_USERS[username];
    if (user === undefined || b['password'] !== FISHBOWL_PASSWORD) {
      state.failedLogins++;
      return fail(res, 401, 'Invalid username or password.');
    }
    if (user.scenario === 'mfa') {
      const code = b['mfaCode'];
      if (code === undefined || code === '') {
        res.set('MFA', 'Required');
        return fail(res, 401, 'A multi-factor authentication code is required.');
      }
      if (String(code) !== FISHBOWL_MFA_CODE) {
        state.failedLogins++;
        res.set('MFA', 'Required');
        return fail(res, 401, 'The multi-factor authentication code is not valid.');
      }
    }
    if (user.scenario === 'approval_pending') {
      pending.add(b['appId']);
      return fail(
        res,
        403,
        `The integration "${b['appName']}" is waiting for an administrator to approve it in Fishbowl (Setup > Integrations).`,
      );
    }
    if (user.scenario === 'no_seats')
      return fail(res, 403, 'All user licenses are in use. Log out another user or add licenses.');
    answerAfter(res, user.scenario === 'slow' ? slowMs : 0, () => {
      const token = opaqueToken(24);
      sessions.set(token, user);
      state.logins++;
      sendJson(res, 200, {
        token,
        user: {
          id: user.id,
          firstName: user.firstName,
          lastName: user.lastName,
          initials: `${user.firstName[0]}${user.lastName[0]}`,
          active: true,
        },
        moduleAccessList: user.modules,
        serverVersion: FISHBOWL_SERVER_VERSION,
      });
    });
  });

  const session = (req: Request) => sessions.get(bearerToken(req.get('authorization')) ?? '');

  app.post('/api/logout', (req, res) => {
    const token = bearerToken(req.get('authorization')) ?? '';
    if (!sessions.delete(token)) return fail(res, 401, 'Invalid or expired token.');
    state.logouts++;
    res.status(204).end();
  });

  app.get('/api/:list', (req, res, next) => {
    const list = LISTS[String(req.params['list'])];
    if (list === undefined) return next();
    const user = session(req);
    if (user === undefined) return fail(res, 401, 'Invalid or expired token.');
    if (!user.modules.includes(list.module))
      return fail(res, 403, `You do not have access to ${list.module}.`);
    const size = Math.max(1, Number(req.query['pageSize'] ?? 100) || 100);
    sendJson(res, 200, {
      totalCount: 1,
      totalPages: 1,
      pageNumber: 1,
      pageSize: size,
      results: [list.row].slice(0, size),
    });
  });

  app.use((_req, res) => notFoundHtml(res));
  return { app, state };
}
