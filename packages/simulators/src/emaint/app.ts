/**
 * eMaint X4 API (Fluke Reliability), token login bound to the caller's `Xt-UserAgent`.
 *
 * Calls we make: `POST /wc.dll?x3~api~!&q=GetLoginToken` `{userid, password}` with header `Xt-UserAgent`
 * → a JWT valid 7 days [V/C token facts; K path from public integration code]; later calls
 * (`q=GetAnyData`, `{table, fields, top}`) send the token as `Authorization: Bearer` plus the **same**
 * `Xt-UserAgent`, or the token is refused [V binding; U header and body names].
 *
 * Signals: API v2 uses real status codes: 400, 401, 404, 405, 500, 503 [V]. The JSON bodies `{error}` and
 * their texts are the simulator's own [U].
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import express from 'express';
import type { Request, Response } from 'express';
import { answerAfter, bearerToken, notFoundHtml, sendJson } from '../kit/http';

export const EMAINT_PASSWORD = 'Sandbox-Pass-1';

type Scenario = 'ok' | 'locked' | 'no_api' | 'slow';

export const EMAINT_USERS: Record<string, { name: string; scenario: Scenario }> = {
  flange_api: { name: 'Flange Integration', scenario: 'ok' },
  locked_user: { name: 'Locked User', scenario: 'locked' },
  no_api_user: { name: 'Web Only User', scenario: 'no_api' },
  slow_user: { name: 'Slow Network', scenario: 'slow' },
};

const TABLES: Record<string, Record<string, unknown>> = {
  wo: { wo_id: 'WO-24-00981', descr: 'Vibration route, line 3', status: 'OPEN' },
  asset: { asset_id: 'PMP-3-01', descr: 'Process pump 3-01', status: 'ACTIVE' },
  parts: { part_id: 'BRG-6205', descr: 'Bearing 6205-2RS', onhand: 9 },
};

const TOKEN_LIFETIME_S = 7 * 24 * 3600;

export interface EmaintState {
  /** GetLoginToken requests received. */
  authAttempts: number;
  logins: number;
  failedLogins: number;
  /** Calls refused because the token came with another Xt-UserAgent. */
  agentMismatches: number;
  reset(): void;
}

export function createEmaintApp(opts: { credentialSlowMs?: number } = {}): {
  app: express.Express;
  state: EmaintState;
} {
  const slowMs = opts.credentialSlowMs ?? 20_000;
  const signingKey = randomBytes(32);
  const state: EmaintState = {
    authAttempts: 0,
    logins: 0,
    failedLogins: 0,
    agentMismatches: 0,
    reset() {
      this.authAttempts = 0;
      this.logins = 0;
      this.failedLogins = 0;
      this.agentMismatches = 0;
    },
  };
  const fail = (res: Response, status: number, error: string) => sendJson(res, status, { error });
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const agentHash = (ua: string) => createHash('sha256').update(ua).digest('base64url');
  const mac = (data: string) => createHmac('sha256', signingKey).update(data).digest('base64url');

  const issue = (userid: string, ua: string) => {
    const now = Math.floor(Date.now() / 1000);
    const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: userid, uah: agentHash(ua), iat: now, exp: now + TOKEN_LIFETIME_S })}`;
    return `${head}.${mac(head)}`;
  };
  const verify = (token: string): { sub: string; uah: string; exp: number } | undefined => {
    const [h, p, s] = token.split('.');
    if (h === undefined || p === undefined || s === undefined) return undefined;
    const expected = Buffer.from(mac(`${h}.${p}`));
    if (expected.length !== Buffer.byteLength(s) || !timingSafeEqual(expected, Buffer.from(s)))
      return undefined;
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as {
      sub: string;
      uah: string;
      exp: number;
    };
    return claims.exp > Date.now() / 1000 ? claims : undefined;
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.post('/wc.dll', express.json({ limit: '64kb' }), (req: Request, res: Response) => {
    if (!('x3~api~!' in req.query)) return notFoundHtml(res);
    const q = String(req.query['q'] ?? '');
    const ua = req.get('xt-useragent');
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (q === 'GetLoginToken') {
      state.authAttempts++;
      if (ua === undefined || ua === '') return fail(res, 400, 'The Xt-UserAgent header is required.');
      const userid = typeof body['userid'] === 'string' ? body['userid'] : '';
      const user = EMAINT_USERS[userid.toLowerCase()];
      if (user === undefined || body['password'] !== EMAINT_PASSWORD) {
        state.failedLogins++;
        return fail(res, 401, 'Invalid user ID or password.');
      }
      if (user.scenario === 'locked') {
        state.failedLogins++;
        return fail(res, 401, 'The user account is locked.');
      }
      if (user.scenario === 'no_api') return fail(res, 403, 'The user does not have API access.');
      return answerAfter(res, user.scenario === 'slow' ? slowMs : 0, () => {
        state.logins++;
        sendJson(res, 200, { token: issue(userid.toLowerCase(), ua), expires_in: TOKEN_LIFETIME_S });
      });
    }
    if (q === 'GetAnyData') {
      const raw = bearerToken(req.get('authorization'));
      const claims = raw === null ? undefined : verify(raw);
      if (claims === undefined) return fail(res, 401, 'The token is missing, invalid or expired.');
      if (ua === undefined || agentHash(ua) !== claims.uah) {
        state.agentMismatches++;
        return fail(res, 401, 'The token was issued to another Xt-UserAgent.');
      }
      const row = TABLES[String(body['table'] ?? '')];
      if (row === undefined) return fail(res, 404, 'Unknown table.');
      const top = typeof body['top'] === 'number' ? body['top'] : 100;
      return sendJson(res, 200, { data: [row].slice(0, top) });
    }
    fail(res, 405, 'Unknown web method.');
  });
  app.use((_req, res) => notFoundHtml(res));
  return { app, state };
}
