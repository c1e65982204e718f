/**
 * Acumatica contract-based REST API (cookie session).
 *
 * Calls we make: `POST /entity/auth/login` `{name, password, tenant?, branch?, locale?}` → 204 + `.ASPXAUTH`
 * and `ASP.NET_SessionId` cookies [V]; `GET /entity/Default/{version}/{Entity}?$top=1` with those cookies;
 * `POST /entity/auth/logout` → 204 [V]. Unauthenticated fingerprint: the sign-in page `/Frames/Login.aspx`.
 *
 * Signals: a refused sign-in is HTTP 500 with a `PX.Data.PXException` body whose `exceptionMessage` says why
 * (community threads show the 500 and "Invalid credentials. Please try again." [K]). The licence's "Maximum
 * Number of Web Services API Users" caps concurrent API sessions: past it, sign-in is refused with
 * "API Login Limit" [V/K], which is why every validation logs out. A call without a session is 401 [K]; a
 * screen the user's role cannot open is 403 [U text].
 */
import express from 'express';
import type { Request, Response } from 'express';
import { answerAfter, notFoundHtml, opaqueToken, parseCookies, sendJson } from '../kit/http';
import {
  ACUMATICA_BUILD,
  ACUMATICA_ENDPOINT_VERSIONS,
  ACUMATICA_MESSAGES,
  ACUMATICA_PASSWORD,
  ACUMATICA_RECORDS,
  ACUMATICA_TENANTS,
  ACUMATICA_USERS,
} from './data';
import type { AcumaticaUser } from './data';

export interface AcumaticaSimulatorOptions {
  /** Virtual directory the site is installed under, e.g. `/AcumaticaERP`. Default: the root. */
  basePath?: string;
  /** The licence's "Maximum Number of Web Services API Users" (concurrent API sessions). Default 2. */
  maxApiSessions?: number;
  /** How long the `api_slow` user waits. Default 20 s. */
  credentialSlowMs?: number;
}

export interface AcumaticaState {
  /** Sign-in requests received (every POST /entity/auth/login). */
  authAttempts: number;
  logins: number;
  failedLogins: number;
  logouts: number;
  /** API sessions open now (each one holds a licence seat until logout or timeout). */
  readonly openSessions: number;
  reset(): void;
}

interface Session {
  user: AcumaticaUser;
  tenant: string;
}

const SESSION_COOKIE = '.ASPXAUTH';

export function createAcumaticaApp(opts: AcumaticaSimulatorOptions = {}): {
  app: express.Express;
  state: AcumaticaState;
} {
  const base = (opts.basePath ?? '').replace(/\/+$/, '');
  const maxSessions = opts.maxApiSessions ?? 2;
  const slowMs = opts.credentialSlowMs ?? 20_000;
  const sessions = new Map<string, Session>();
  const state: AcumaticaState = {
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

  const refuse = (res: Response, message: string) => {
    state.failedLogins++;
    sendJson(res, 500, {
      message: 'An error has occurred.',
      exceptionMessage: message,
      exceptionType: 'PX.Data.PXException',
      stackTrace: null,
    });
  };

  const session = (req: Request): Session | undefined => {
    const id = parseCookies(req.get('cookie'))[SESSION_COOKIE];
    return id === undefined ? undefined : sessions.get(id);
  };

  const router = express.Router();
  router.use(express.json({ type: () => true, limit: '64kb' }));

  router.get('/Frames/Login.aspx', (_req, res) => {
    res
      .type('text/html; charset=utf-8')
      .send(
        `<!DOCTYPE html><html><head><title>Sign in - Acumatica</title><meta name="generator" content="Acumatica ERP"/></head>` +
          `<body><form id="form1" action="./Login.aspx"><input name="txtUser"/><input name="txtPass" type="password"/></form>` +
          `<div class="login_version">Version ${ACUMATICA_BUILD}</div></body></html>`,
      );
  });

  router.post('/entity/auth/login', (req, res) => {
    state.authAttempts++;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const name = typeof body['name'] === 'string' ? body['name'] : '';
    const password = typeof body['password'] === 'string' ? body['password'] : '';
    const tenant = typeof body['tenant'] === 'string' && body['tenant'] !== '' ? body['tenant'] : undefined;
    // With more than one tenant on the instance, the tenant must be named [U wording].
    if (tenant === undefined) return refuse(res, ACUMATICA_MESSAGES.tenantRequired);
    const user = ACUMATICA_USERS[name.toLowerCase()];
    // Unknown tenant, unknown user and wrong password look the same to the caller.
    if (
      !ACUMATICA_TENANTS.some((t) => t.toLowerCase() === tenant.toLowerCase()) ||
      user === undefined ||
      password !== ACUMATICA_PASSWORD
    ) {
      return refuse(res, ACUMATICA_MESSAGES.invalid);
    }
    const s = user.scenario;
    if (s.kind === 'locked') return refuse(res, ACUMATICA_MESSAGES.locked);
    if (s.kind === 'password_expired') return refuse(res, ACUMATICA_MESSAGES.expired);
    if (s.kind === 'license_limit' || sessions.size >= maxSessions)
      return refuse(res, ACUMATICA_MESSAGES.licenseLimit);
    answerAfter(res, s.slow === true ? slowMs : 0, () => {
      const id = opaqueToken(32);
      sessions.set(id, { user, tenant });
      state.logins++;
      const path = base === '' ? '/' : base;
      res.cookie(SESSION_COOKIE, id, { path, httpOnly: true, secure: req.secure });
      res.cookie('ASP.NET_SessionId', opaqueToken(18), { path, httpOnly: true, secure: req.secure });
      res.cookie('UserBranch', typeof body['branch'] === 'string' ? body['branch'] : user.branch, { path });
      res.cookie('Locale', typeof body['locale'] === 'string' ? body['locale'] : 'en-US', { path });
      res.status(204).end();
    });
  });

  router.post('/entity/auth/logout', (req, res) => {
    const id = parseCookies(req.get('cookie'))[SESSION_COOKIE];
    if (id !== undefined && sessions.delete(id)) state.logouts++;
    res.clearCookie(SESSION_COOKIE, { path: base === '' ? '/' : base });
    res.status(204).end();
  });

  router.get('/entity/:endpoint/:version/:entity', (req, res) => {
    const s = session(req);
    if (s === undefined) return sendJson(res, 401, { message: ACUMATICA_MESSAGES.notLoggedIn });
    const endpoint = String(req.params['endpoint']);
    const version = String(req.params['version']);
    const entity = String(req.params['entity']);
    const records = ACUMATICA_RECORDS[entity];
    if (
      endpoint !== 'Default' ||
      !(ACUMATICA_ENDPOINT_VERSIONS as readonly string[]).includes(version) ||
      records === undefined
    ) {
      return sendJson(res, 404, {
        message: `No HTTP resource was found that matches the request URI '${req.originalUrl}'.`,
      });
    }
    if (s.user.scenario.kind === 'ok' && s.user.scenario.deniedEntities?.includes(entity)) {
      return sendJson(res, 403, {
        message: `You have insufficient rights to access the object (${records.screen}).`,
      });
    }
    const top = Math.max(0, Number(req.query['$top'] ?? records.rows.length) || 0);
    sendJson(
      res,
      200,
      records.rows.slice(0, top).map((row, i) => ({
        id: `0000000${i + 1}-0000-4000-8000-${entity.length.toString().padStart(12, '0')}`,
        rowNumber: i + 1,
        note: { value: '' },
        ...Object.fromEntries(Object.entries(row).map(([k, v]) => [k, { value: v }])),
        custom: {},
      })),
    );
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(base === '' ? '/' : base, router);
  app.use((_req, res) => notFoundHtml(res));
  return { app, state };
}
