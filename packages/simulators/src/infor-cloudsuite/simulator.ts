/**
 * Infor CloudSuite through the ION API Gateway: the Infor OS authorization server (`pu` + `ot` of the
 * `.ionapi` file) and the gateway (`iu`), one server here; tests send mingle-sso.inforcloudsuite.com and
 * mingle-ionapi.inforcloudsuite.com to it with the host override map.
 *
 * Calls we make: `POST /{ti}/as/token.oauth2` grant_type=password with the service-account keys (saak as
 * username, sask as password) and the client (ci/cs) [V]; `GET /{ti}/Mingle/SocialService.Svc/User/Detail`
 * (who the service account is) [K]; M3 MI reads `GET /{ti}/M3/m3api-rest/v2/execute/{MI}/{TRANSACTION}
 * ?maxrecs=1` [C]; `POST /{ti}/as/revoke_token.oauth2` at the end [V].
 *
 * Signals: standard OAuth errors at the token endpoint, invalid_client / invalid_grant [U descriptions];
 * gateway 401 for a bad token [U body]; M3 answers HTTP 200 with `nrOfFailedTransactions` and an
 * `errorMessage` when the user lacks the MI program's authority [K], so reads need a success predicate.
 */
import { randomUUID } from 'node:crypto';
import express from 'express';
import { startSimulator } from '../framework/simulator';
import type { Simulator } from '../framework/simulator';
import { createOAuthServer } from '../oauth/oauth-server';
import { productApp } from '../support/serve';
import type { ProductSimulatorOptions } from '../support/serve';

export const ION_TENANT = 'ACME_TST';
export const ION_CLIENT = { id: `${ION_TENANT}~Wn3CkN7Flange_BACKEND`, secret: 'cs_good' };
export const ION_SERVICE_ACCOUNTS: Record<
  string,
  { sask: string; user: string; programs: string[]; disabled?: boolean }
> = {
  [`${ION_TENANT}#svc_good`]: { sask: 'sask_good', user: 'FLANGE_SVC', programs: ['MMS200MI', 'CRS620MI'] },
  [`${ION_TENANT}#svc_noauth`]: { sask: 'sask_good', user: 'FLANGE_NOAUTH', programs: [] },
  [`${ION_TENANT}#svc_disabled`]: { sask: 'sask_good', user: 'FLANGE_OLD', programs: [], disabled: true },
};

const PROGRAMS: Record<string, Record<string, Record<string, string>>> = {
  MMS200MI: { LstItmByItm: { CONO: '100', ITNO: 'BRG-6204', ITDS: 'Ball bearing 6204', STAT: '20' } },
  CRS620MI: { LstSuppliers: { CONO: '100', SUNO: 'S10023', SUNM: 'Grainger Industrial', STAT: '20' } },
};

/** A sample .ionapi file for the sandbox (what "Download Credentials" produces for a backend service). */
export function sandboxIonapi(): Record<string, string> {
  return {
    ti: ION_TENANT,
    cn: 'Flange',
    dt: '12',
    ci: ION_CLIENT.id,
    cs: ION_CLIENT.secret,
    iu: 'https://mingle-ionapi.inforcloudsuite.com',
    pu: `https://mingle-sso.inforcloudsuite.com:443/${ION_TENANT}/as/`,
    oa: 'authorization.oauth2',
    ot: 'token.oauth2',
    or: 'revoke_token.oauth2',
    ev: 'U1471345498',
    v: '1.0',
    saak: `${ION_TENANT}#svc_good`,
    sask: 'sask_good',
  };
}

export interface InforSimulator extends Simulator {
  /** Access tokens revoked so far (the connector revokes after validating). */
  revoked: string[];
  reset(): void;
}

/** Start the ION API simulator. */
export async function startInforSimulator(opts: ProductSimulatorOptions = {}): Promise<InforSimulator> {
  const revoked: string[] = [];
  const app = productApp();
  const oauth = createOAuthServer({
    issuer: `https://mingle-sso.inforcloudsuite.com/${ION_TENANT}`,
    clients: [
      {
        clientId: ION_CLIENT.id,
        clientSecret: ION_CLIENT.secret,
        grants: ['password'],
        subject: ION_CLIENT.id,
      },
    ],
    users: Object.entries(ION_SERVICE_ACCOUNTS).map(([saak, a]) => ({
      username: saak,
      password: a.sask,
      subject: a.user,
      claims: { programs: a.programs, user: a.user },
      ...(a.disabled
        ? {
            reject: {
              status: 400,
              error: 'invalid_grant',
              description: 'The service account is disabled.',
              reason: 'account_disabled',
            },
          }
        : {}),
    })),
    accessTokenLifetimeSeconds: 7200,
    shapeTokenResponse: (body, { claims }) => ({ ...body, expires_in: claims.exp - claims.iat }),
    formatError: (r) => {
      if (r.reason === 'bad_secret' || r.reason === 'unknown_client')
        return {
          status: 401,
          body: { error: 'invalid_client', error_description: 'Invalid client or client credentials.' },
        };
      if (r.reason === 'bad_user')
        return {
          status: 400,
          body: { error: 'invalid_grant', error_description: 'Invalid service account key or secret.' },
        };
      return { status: r.status, body: { error: r.error, error_description: r.description } };
    },
  });
  const form = express.urlencoded({ extended: false, limit: '64kb' });
  app.post(`/:tenant/as/token.oauth2`, form, async (req, res) => {
    if (req.params.tenant !== ION_TENANT) {
      res.status(404).type('text/html').send('<html><body>Not Found</body></html>');
      return;
    }
    await oauth.tokenHandler(req, res);
  });
  app.post(`/:tenant/as/revoke_token.oauth2`, form, (req, res) => {
    const token = String((req.body as Record<string, string> | undefined)?.token ?? '');
    if (token) revoked.push(token);
    res.status(200).end();
  });

  const bearer = (req: express.Request, res: express.Response) => {
    const h = req.get('authorization') ?? '';
    const token = h.toLowerCase().startsWith('bearer ') ? h.slice(7).trim() : '';
    const claims = revoked.includes(token) ? null : oauth.verify(token);
    if (!claims || req.params.tenant !== ION_TENANT) {
      res
        .status(401)
        .json({ error: 'invalid_token', error_description: 'Access token is invalid or expired.' });
      return null;
    }
    return claims;
  };

  app.get('/:tenant/Mingle/SocialService.Svc/User/Detail', (req, res) => {
    const claims = bearer(req, res);
    if (!claims) return;
    res.json({
      UserDetailList: [
        {
          UserGUID: randomUUID(),
          UserName: claims.user,
          FirstName: 'Flange',
          LastName: 'Service',
          Email: '',
          PersonId: claims.user,
        },
      ],
      ErrorList: [],
      Status: 0,
    });
  });

  app.get('/:tenant/M3/m3api-rest/v2/execute/:program/:transaction', (req, res) => {
    const claims = bearer(req, res);
    if (!claims) return;
    const program = String(req.params.program);
    const transaction = String(req.params.transaction);
    const row = PROGRAMS[program]?.[transaction];
    if (!row) {
      res
        .status(404)
        .json({ error: 'Not found', message: `Program ${program}/${transaction} does not exist.` });
      return;
    }
    if (!(claims.programs as string[]).includes(program)) {
      res.json({
        results: [
          {
            transaction,
            errorMessage: `User ${String(claims.user)} is not authorized to ${program}`,
            errorType: 'ServerReturnedNOK',
            errorCode: 'XAU0001',
            records: [],
          },
        ],
        wasTerminated: false,
        nrOfSuccessfullTransactions: 0,
        nrOfFailedTransactions: 1,
      });
      return;
    }
    res.json({
      results: [{ transaction, records: [row] }],
      wasTerminated: false,
      nrOfSuccessfullTransactions: 1,
      nrOfFailedTransactions: 0,
    });
  });

  const sim = await startSimulator({ ...opts, name: 'infor-cloudsuite', handler: app });
  return Object.assign(sim, {
    revoked,
    reset() {
      revoked.length = 0;
      sim.clearLog();
    },
  });
}
