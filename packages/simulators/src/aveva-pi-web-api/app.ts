/**
 * AVEVA PI Web API (`https://{host}/piwebapi`), HTTP Basic against Windows accounts.
 *
 * Calls we make: `GET /piwebapi/system` without credentials (the fingerprint: a PI Web API that allows
 * anonymous reads answers `ProductTitle`/`ProductVersion` [V fields], one that does not answers 401 with the
 * methods it accepts in `WWW-Authenticate` [U]); `GET /piwebapi/system/userinfo` → `{IdentityType, Name,
 * IsAuthenticated, SID, ImpersonationLevel}` [V]; `GET /piwebapi/dataservers` and `/piwebapi/assetservers`
 * → `{Items: […]}` [V].
 *
 * Signals: 401 for a wrong password, a locked or expired Windows account alike [V status]; Basic missing from
 * the server's `AuthenticationMethods` leaves only `WWW-Authenticate: Negotiate` [K]; 403 with `{Errors}` when
 * the identity has no PI mapping [U wording].
 */
import express from 'express';
import type { Request, Response } from 'express';
import { answerAfter, decodeBasic, notFoundHtml, sendJson } from '../kit/http';

export const PI_PASSWORD = 'Sandbox-Pass-1';
export const PI_PRODUCT = { ProductTitle: 'PI Web API 2023 SP1', ProductVersion: '1.19.1.22' };

interface PiUser {
  name: string;
  sid: string;
  noDataArchiveMapping?: boolean;
  slow?: boolean;
}

/** Windows account (DOMAIN\\user, case-insensitive) → identity. Locked accounts fail like wrong passwords. */
export const PI_USERS: Record<string, PiUser> = {
  'corp\\svc_flange': { name: 'CORP\\svc_flange', sid: 'S-1-5-21-1004336348-1177238915-682003330-1105' },
  'corp\\svc_nomap': {
    name: 'CORP\\svc_nomap',
    sid: 'S-1-5-21-1004336348-1177238915-682003330-1106',
    noDataArchiveMapping: true,
  },
  'corp\\svc_slow': {
    name: 'CORP\\svc_slow',
    sid: 'S-1-5-21-1004336348-1177238915-682003330-1107',
    slow: true,
  },
};

export interface PiWebApiOptions {
  credentialSlowMs?: number;
  /** The server's AuthenticationMethods setting. Default Basic and Kerberos. */
  authenticationMethods?: ('Basic' | 'Kerberos' | 'Bearer' | 'Anonymous')[];
}

export interface PiWebApiState {
  authAttempts: number;
  failedAuths: number;
  reset(): void;
}

export function createPiWebApiApp(opts: PiWebApiOptions = {}): {
  app: express.Express;
  state: PiWebApiState;
} {
  const slowMs = opts.credentialSlowMs ?? 20_000;
  const methods = opts.authenticationMethods ?? ['Basic', 'Kerberos'];
  const state: PiWebApiState = {
    authAttempts: 0,
    failedAuths: 0,
    reset() {
      this.authAttempts = 0;
      this.failedAuths = 0;
    },
  };

  const challenge = (res: Response) => {
    const offers: string[] = [];
    if (methods.includes('Kerberos')) offers.push('Negotiate');
    if (methods.includes('Basic')) offers.push('Basic realm="PI Web API"');
    if (methods.includes('Bearer')) offers.push('Bearer');
    res.setHeader('WWW-Authenticate', offers);
    res.status(401).end();
  };

  /** The identity, or undefined after answering 401. */
  const identify = (req: Request, res: Response): PiUser | undefined => {
    const creds = decodeBasic(req.get('authorization'));
    if (creds === null || !methods.includes('Basic')) {
      challenge(res);
      return undefined;
    }
    state.authAttempts++;
    const user = PI_USERS[creds.user.toLowerCase()];
    if (user === undefined || creds.password !== PI_PASSWORD) {
      state.failedAuths++;
      challenge(res);
      return undefined;
    }
    return user;
  };

  const links = (req: Request, path: string) =>
    `${req.protocol}://${req.get('host') ?? 'localhost'}/piwebapi/${path}`;

  const router = express.Router();
  router.get('/system', (req, res) => {
    if (!methods.includes('Anonymous') && identify(req, res) === undefined) return;
    sendJson(res, 200, {
      Links: { Self: links(req, 'system'), UserInfo: links(req, 'system/userinfo') },
      ...PI_PRODUCT,
    });
  });
  router.get('/system/userinfo', (req, res) => {
    const user = identify(req, res);
    if (user === undefined) return;
    answerAfter(res, user.slow === true ? slowMs : 0, () =>
      sendJson(res, 200, {
        IdentityType: 'WindowsIdentity',
        Name: user.name,
        IsAuthenticated: true,
        SID: user.sid,
        ImpersonationLevel: 'Impersonation',
      }),
    );
  });
  router.get('/dataservers', (req, res) => {
    const user = identify(req, res);
    if (user === undefined) return;
    if (user.noDataArchiveMapping === true) {
      return sendJson(res, 403, {
        Errors: ['[-10401] No Read Access - Secure Object: the identity has no PI mapping on PISRV01.'],
      });
    }
    sendJson(res, 200, {
      Links: {},
      Items: [
        {
          WebId: 'F1DSmN6mCy8Cv0ivp0BgzGQh4wUElTUlYwMQ',
          Id: '5a2b8c2e-1f0a-4b6e-9c55-0f8d1e2a7b31',
          Name: 'PISRV01',
          IsConnected: true,
          ServerVersion: '3.4.445.688',
        },
      ],
    });
  });
  router.get('/assetservers', (req, res) => {
    if (identify(req, res) === undefined) return;
    sendJson(res, 200, {
      Links: {},
      Items: [
        {
          WebId: 'F1RSIRAQC7zjPUOfBqai218IAwUElBRlNSVjAx',
          Id: 'c0f3a7d2-0c6b-4f0c-8a8a-3a2b1b9d3f11',
          Name: 'PIAFSRV01',
          IsConnected: true,
          ServerVersion: '2.10.11.2717',
        },
      ],
    });
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use('/piwebapi', router);
  app.use((_req, res) => notFoundHtml(res));
  return { app, state };
}
