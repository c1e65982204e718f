/**
 * ServiceNow Table API (`https://{instance}.service-now.com/api/now/table/{table}`), HTTP Basic.
 *
 * Calls we make: `GET /api/now/table/sys_user?sysparm_query=user_name={user}&sysparm_fields=…&sysparm_limit=1`
 * (the account's own record), then `GET /api/now/table/{alm_asset|wm_order|proc_po}?sysparm_limit=1`.
 *
 * Signals: 401 `{"error":{"message":"User Not Authenticated","detail":"Required to provide Auth information"},
 * "status":"failure"}` for a wrong password and for a locked-out user alike [K]; 403 "User Not Authorized"
 * when the REST API ACL demands `snc_platform_rest_api_access` and the user lacks it, or a table's read ACL
 * refuses [K facts; U detail texts]; 429 with Retry-After from rate-limit rules [K]. A hibernating developer
 * instance answers every URL with a 200 HTML page [K].
 */
import { createHash } from 'node:crypto';
import express from 'express';
import type { Request, Response } from 'express';
import { answerAfter, decodeBasic, sendJson } from '../kit/http';

export const SERVICENOW_PASSWORD = 'Sandbox-Pass-1';
export const REST_ROLE = 'snc_platform_rest_api_access';

interface SnUser {
  name: string;
  email: string;
  roles: string[];
  lockedOut?: boolean;
  throttled?: boolean;
  slow?: boolean;
}

export const SERVICENOW_USERS: Record<string, SnUser> = {
  admin: { name: 'System Administrator', email: 'admin@example.com', roles: ['admin'] },
  'flange.integration': {
    name: 'Flange Integration',
    email: 'flange@acme.example',
    roles: [REST_ROLE, 'itil', 'asset', 'wm_admin', 'procurement_user'],
  },
  'no.rest.role': { name: 'No REST Role', email: 'norest@acme.example', roles: ['itil', 'asset'] },
  'no.asset.role': { name: 'Service Desk Agent', email: 'agent@acme.example', roles: [REST_ROLE, 'itil'] },
  'locked.out': {
    name: 'Locked Out',
    email: 'locked@acme.example',
    roles: [REST_ROLE, 'asset'],
    lockedOut: true,
  },
  throttled: {
    name: 'Busy Integration',
    email: 'busy@acme.example',
    roles: [REST_ROLE, 'asset'],
    throttled: true,
  },
  slow: {
    name: 'Slow Network',
    email: 'slow@acme.example',
    roles: [REST_ROLE, 'asset', 'wm_admin', 'procurement_user'],
    slow: true,
  },
};

/** Tables, the role that may read them, and a record each. */
const TABLES: Record<string, { role: string; row: Record<string, string> }> = {
  alm_asset: {
    role: 'asset',
    row: {
      sys_id: '00a96c0d3790200044e0bfc8bcbe5db4',
      display_name: 'P1000479 - Apple MacBook Pro 15"',
      asset_tag: 'P1000479',
    },
  },
  wm_order: {
    role: 'wm_admin',
    row: { sys_id: '1c832706732023002728660c4cf6a7b9', number: 'WO0010001', state: '10' },
  },
  proc_po: {
    role: 'procurement_user',
    row: { sys_id: '2e01ea30c0a8010e00f8e3c8a5b0e0a6', number: 'PO0001001', status: 'ordered' },
  },
};

export interface ServiceNowOptions {
  credentialSlowMs?: number;
  /** A developer instance asleep: every URL answers the hibernation page. */
  hibernating?: boolean;
}

export interface ServiceNowState {
  authAttempts: number;
  failedAuths: number;
  hibernating: boolean;
  reset(): void;
}

export function createServiceNowApp(opts: ServiceNowOptions = {}): {
  app: express.Express;
  state: ServiceNowState;
} {
  const slowMs = opts.credentialSlowMs ?? 20_000;
  const state: ServiceNowState = {
    authAttempts: 0,
    failedAuths: 0,
    hibernating: opts.hibernating ?? false,
    reset() {
      this.authAttempts = 0;
      this.failedAuths = 0;
      this.hibernating = opts.hibernating ?? false;
    },
  };
  const fail = (res: Response, status: number, message: string, detail: string) =>
    sendJson(res, status, { error: { message, detail }, status: 'failure' });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((_req, res, next) => {
    if (!state.hibernating) return next();
    res
      .status(200)
      .type('text/html;charset=UTF-8')
      .send(
        '<html><head><title>Instance Hibernating page</title></head><body><h1>Your instance is hibernating</h1><p>Sign in to the developer portal to wake it.</p></body></html>',
      );
  });

  app.get('/api/now/table/:table', (req: Request, res: Response) => {
    res.set('X-Is-Logged-In', 'false');
    const creds = decodeBasic(req.get('authorization'));
    if (creds === null) {
      res.set('WWW-Authenticate', 'BASIC realm="Service-now"');
      return fail(res, 401, 'User Not Authenticated', 'Required to provide Auth information');
    }
    state.authAttempts++;
    const user = SERVICENOW_USERS[creds.user];
    if (user === undefined || creds.password !== SERVICENOW_PASSWORD || user.lockedOut === true) {
      state.failedAuths++;
      res.set('WWW-Authenticate', 'BASIC realm="Service-now"');
      return fail(res, 401, 'User Not Authenticated', 'Required to provide Auth information');
    }
    res.set('X-Is-Logged-In', 'true');
    if (user.throttled === true) {
      res.set('Retry-After', '60');
      res.set('X-RateLimit-Limit', '100');
      return fail(res, 429, 'Rate limit exceeded', 'Too many requests for this user');
    }
    const admin = user.roles.includes('admin');
    if (!admin && !user.roles.includes(REST_ROLE)) {
      return fail(
        res,
        403,
        'User Not Authorized',
        `User does not have the required role ${REST_ROLE} to access the REST API`,
      );
    }
    const table = String(req.params['table']);
    const limit = Math.max(1, Number(req.query['sysparm_limit'] ?? 10000) || 10000);
    answerAfter(res, user.slow === true ? slowMs : 0, () => {
      if (table === 'sys_user') {
        const query = String(req.query['sysparm_query'] ?? '');
        const wanted = /^user_name=(.+)$/.exec(query)?.[1];
        const rows = Object.entries(SERVICENOW_USERS)
          .filter(([u]) => wanted === undefined || u === wanted)
          .map(([u, v]) => ({ sys_id: sysIdFor(u), user_name: u, name: v.name, email: v.email }));
        return sendJson(res, 200, { result: rows.slice(0, limit) });
      }
      const t = TABLES[table];
      if (t === undefined) return fail(res, 400, 'Invalid table', `Invalid table ${table}`);
      if (!admin && !user.roles.includes(t.role)) {
        return fail(
          res,
          403,
          'User Not Authorized',
          `Insufficient rights to query records of table ${table}`,
        );
      }
      sendJson(res, 200, { result: [t.row].slice(0, limit) });
    });
  });

  app.use((_req, res) => {
    res
      .status(404)
      .type('text/html;charset=UTF-8')
      .send(
        '<html><head><title>ServiceNow</title></head><body>The page you are looking for could not be found.</body></html>',
      );
  });
  return { app, state };
}

/** A stable 32-hex sys_id for a user name (ServiceNow sys_ids are 32 hex characters). */
function sysIdFor(name: string): string {
  return createHash('md5').update(name).digest('hex');
}
