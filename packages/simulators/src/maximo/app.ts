import { randomBytes } from 'node:crypto';
import express from 'express';
import type { Request, Response } from 'express';
import { API_KEYS, NATIVE_USERS, OBJECT_STRUCTURES } from './data';
import type { CredentialScenario, MaximoUser } from './data';
import { collection, sendError } from './responses';

export interface MaximoSimulatorOptions {
  /**
   * Maximo's IP blocking (`mxe.sec.IPblock*`): after `maxFailures` failed logins from one address within
   * `windowMs`, that address gets BMXAA7878E for `blockMs`. IBM's defaults are reported as 50 in 30 s; the
   * simulator blocks sooner so the behaviour is visible. Default 10 in 30 s, blocked 5 minutes.
   */
  ipBlock?: { maxFailures: number; windowMs: number; blockMs: number };
  /** How long the `slow` credentials wait before answering. Default 20 s. */
  credentialSlowMs?: number;
}

/** Observable state, for tests and the contract suite. */
export interface MaximoState {
  /** Admin mode: Maximo refuses every login, correct ones included, with BMXAA7901E. */
  adminMode: boolean;
  /** Requests that carried a credential (api key or maxauth), i.e. login attempts. */
  authAttempts: number;
  failedLogins: number;
  /** Native logins that opened a server session (JSESSIONID). */
  sessionsOpened: number;
  logouts: number;
  /** Sessions still open. */
  readonly openSessions: number;
  /** Addresses on the blocked list (LOGINBLOCK) right now. */
  blockedAddresses(): string[];
  /** Unblock everything and forget failures (Users → Manage Blocked IP Addresses). */
  unblockAll(): void;
  /** Put an address on the blocked list now. */
  block(address: string): void;
  /** Clear counters, sessions, blocks and admin mode. */
  reset(): void;
}

export function createMaximoApp(opts: MaximoSimulatorOptions = {}): {
  app: express.Express;
  state: MaximoState;
} {
  const ipBlock = opts.ipBlock ?? { maxFailures: 10, windowMs: 30_000, blockMs: 300_000 };
  const slowMs = opts.credentialSlowMs ?? 20_000;
  const sessions = new Map<string, Extract<CredentialScenario, { kind: 'ok' }>>();
  const failures = new Map<string, number[]>();
  const blocked = new Map<string, number>();

  const state: MaximoState = {
    adminMode: false,
    authAttempts: 0,
    failedLogins: 0,
    sessionsOpened: 0,
    logouts: 0,
    get openSessions() {
      return sessions.size;
    },
    blockedAddresses: () => [...blocked.entries()].filter(([, until]) => until > Date.now()).map(([a]) => a),
    unblockAll() {
      blocked.clear();
      failures.clear();
    },
    block(address) {
      blocked.set(address, Date.now() + ipBlock.blockMs);
    },
    reset() {
      this.adminMode = false;
      this.authAttempts = 0;
      this.failedLogins = 0;
      this.sessionsOpened = 0;
      this.logouts = 0;
      sessions.clear();
      blocked.clear();
      failures.clear();
    },
  };

  const recordFailure = (address: string) => {
    state.failedLogins++;
    const now = Date.now();
    const recent = (failures.get(address) ?? []).filter((t) => now - t < ipBlock.windowMs);
    recent.push(now);
    failures.set(address, recent);
    if (recent.length >= ipBlock.maxFailures) blocked.set(address, now + ipBlock.blockMs);
  };

  type Ctx = { lean: boolean; base: string; address: string };
  type Authed = {
    user: MaximoUser;
    scenario: Extract<CredentialScenario, { kind: 'ok' }>;
    newSession: string | null;
  };

  /** Authenticate as Maximo does; on failure the error is already sent and null returned. */
  function authenticate(req: Request, res: Response, ctx: Ctx): Authed | null {
    const cookie = parseCookies(req.get('cookie') ?? '')['JSESSIONID'];
    if (cookie !== undefined && sessions.has(cookie)) {
      const scenario = sessions.get(cookie)!;
      return { user: scenario.user, scenario, newSession: null };
    }
    const apikey =
      req.get('apikey') ?? (typeof req.query['apikey'] === 'string' ? req.query['apikey'] : undefined);
    const maxauth = req.get('maxauth');
    if (apikey === undefined && maxauth === undefined) {
      sendError(res, { id: 'BMXAA0021E', ...ctx });
      return null;
    }
    state.authAttempts++;
    const until = blocked.get(ctx.address);
    if (until !== undefined && until > Date.now()) {
      sendError(res, { id: 'BMXAA7878E', ...ctx });
      return null;
    }
    let scenario: CredentialScenario | undefined;
    let native = false;
    if (apikey !== undefined) {
      scenario = API_KEYS[apikey] ?? { kind: 'key_invalid', realReason: 'unknown key' };
    } else {
      native = true;
      const [user, password] = decodeMaxauth(maxauth ?? '');
      const entry = user === undefined ? undefined : NATIVE_USERS[user.toLowerCase()];
      if (entry === undefined) scenario = { kind: 'login_failed', realReason: 'no such user' };
      else if (entry.scenario.kind === 'ok' && entry.password !== password) {
        scenario = { kind: 'login_failed', realReason: 'wrong password' };
      } else scenario = entry.scenario;
    }
    if (scenario.kind === 'ip_blocked') {
      state.block(ctx.address);
      sendError(res, { id: 'BMXAA7878E', ...ctx });
      return null;
    }
    if (state.adminMode || scenario.kind === 'login_failed') {
      recordFailure(ctx.address);
      sendError(res, { id: 'BMXAA7901E', ...ctx });
      return null;
    }
    if (scenario.kind === 'key_invalid') {
      recordFailure(ctx.address);
      sendError(res, { id: 'BMXAA9549E', ...ctx });
      return null;
    }
    let newSession: string | null = null;
    if (native) {
      newSession = randomBytes(18).toString('base64url');
      sessions.set(newSession, scenario);
      state.sessionsOpened++;
    }
    return { user: scenario.user, scenario, newSession };
  }

  const app = express();
  app.disable('x-powered-by');

  const context = (req: Request): Ctx => {
    const api = req.params['api'] === 'api' ? 'api' : 'oslc';
    const leanParam = typeof req.query['lean'] === 'string' ? req.query['lean'] : undefined;
    return {
      lean: api === 'api' ? leanParam !== '0' : leanParam === '1',
      base: `${req.protocol}://${req.get('host') ?? 'localhost'}/maximo/${api}`,
      address: req.socket.remoteAddress ?? '',
    };
  };

  /** Answer after the scenario's delay, setting the session cookie of a fresh native login. */
  const answer = (res: Response, authed: Authed, send: () => void) => {
    if (authed.newSession !== null) {
      res.cookie('JSESSIONID', authed.newSession, {
        path: '/maximo',
        httpOnly: true,
        secure: res.req.secure,
      });
    }
    if (authed.scenario.slow === true) {
      const t = setTimeout(() => !res.destroyed && send(), slowMs);
      res.on('close', () => clearTimeout(t));
    } else send();
  };

  app.get('/maximo/:api/whoami', (req, res, next) => {
    if (!isApi(req)) return next();
    const ctx = context(req);
    const authed = authenticate(req, res, ctx);
    if (authed === null) return;
    answer(res, authed, () => res.type('application/json;charset=UTF-8').send(JSON.stringify(authed.user)));
  });

  app.get('/maximo/:api/os/:os', (req, res, next) => {
    if (!isApi(req)) return next();
    const ctx = context(req);
    const authed = authenticate(req, res, ctx);
    if (authed === null) return;
    const name = String(req.params['os']).toUpperCase();
    const os = OBJECT_STRUCTURES[name];
    answer(res, authed, () => {
      if (os === undefined) {
        res
          .status(404)
          .type('application/json;charset=UTF-8')
          .send(
            JSON.stringify({ Error: { message: `Object structure ${name} not found`, statusCode: '404' } }),
          );
        return;
      }
      if (authed.scenario.deniedObjectStructures?.includes(name)) {
        sendError(res, { id: 'BMXAA9301E', ...ctx, arg: name });
        return;
      }
      const size = Math.max(1, Number(req.query['oslc.pageSize'] ?? 20) || 20);
      const href = `${ctx.base}/os/${name.toLowerCase()}`;
      res
        .type('application/json;charset=UTF-8')
        .send(JSON.stringify(collection(os.records.slice(0, size), { lean: ctx.lean, href, key: os.key })));
    });
  });

  app.all('/maximo/:api/logout', (req, res, next) => {
    if (!isApi(req)) return next();
    const id = parseCookies(req.get('cookie') ?? '')['JSESSIONID'];
    if (id !== undefined && sessions.delete(id)) state.logouts++;
    res.clearCookie('JSESSIONID', { path: '/maximo' });
    res.type('application/json;charset=UTF-8').send('{}');
  });

  app.get('/maximo/webclient/login/login.jsp', (_req, res) => {
    res
      .type('text/html')
      .send(
        '<!DOCTYPE html><html><head><title>Welcome to Maximo</title></head><body><form method="post" action="/maximo/ui/login"></form></body></html>',
      );
  });

  app.use((_req, res) => {
    res
      .status(404)
      .type('text/html')
      .send(
        '<html><head><title>Error 404</title></head><body>Error 404: SRVE0190E: File not found</body></html>',
      );
  });

  return { app, state };
}

function isApi(req: Request): boolean {
  return req.params['api'] === 'api' || req.params['api'] === 'oslc';
}

function decodeMaxauth(value: string): [string | undefined, string | undefined] {
  const text = Buffer.from(value, 'base64').toString('utf8');
  const i = text.indexOf(':');
  return i < 0 ? [undefined, undefined] : [text.slice(0, i), text.slice(i + 1)];
}

function parseCookies(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}
