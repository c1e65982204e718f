/**
 * IFS Cloud: the IFS IAM (Keycloak) realm of a namespace, and the OData projections under
 * `/main/ifsapplications/projection/v1`.
 *
 * Calls we make: `GET /auth/realms/{namespace}/.well-known/openid-configuration` (fingerprint: a Keycloak
 * realm answers) [K]; `POST /auth/realms/{namespace}/protocol/openid-connect/token` client_credentials,
 * scope `openid microprofile-jwt` [V]; `GET …/protocol/openid-connect/userinfo` (the service account) [K];
 * `$top=1` reads on projections [U names].
 *
 * Signals (Keycloak's own answers [K]): unknown realm 404 "Realm does not exist"; unknown client 401
 * invalid_client and wrong secret 401 unauthorized_client, both "Invalid client or Invalid client
 * credentials"; a client without "Service accounts" enabled 401 unauthorized_client "Client not enabled to
 * retrieve service account". Projections: 401 when the service user is not an IFS user, 403 without the
 * permission set that grants the projection [U bodies].
 */
import express from 'express';
import type { Request, Response } from 'express';
import { startSimulator } from '../framework/simulator';
import type { Simulator } from '../framework/simulator';
import { createOAuthServer } from '../oauth/oauth-server';
import type { OAuthServer } from '../oauth/oauth-server';
import { productApp } from '../support/serve';
import type { ProductSimulatorOptions } from '../support/serve';

export const IFS_NAMESPACE = 'acmeprod';

const PROJECTIONS: Record<string, { set: string; row: Record<string, unknown> }> = {
  PurchaseOrderHandling: {
    set: 'PurchaseOrderSet',
    row: { OrderNo: 'P100234', VendorNo: 'V1001', Objstate: 'Released' },
  },
  InventoryPartHandling: {
    set: 'InventoryPartSet',
    row: { PartNo: 'BRG-6204', Contract: 'MAIN', Description: 'Ball bearing' },
  },
  ActiveWorkOrdersHandling: {
    set: 'ActiveSeparateSet',
    row: { WoNo: 4711, ErrDescr: 'Pump vibrates', Objstate: 'Released' },
  },
};

export const IFS_CLIENTS: Record<
  string,
  { secret: string; serviceAccounts: boolean; ifsUser?: string; projections: string[] }
> = {
  flange_svc: {
    secret: 'secret_good',
    serviceAccounts: true,
    ifsUser: 'FLANGE_SVC',
    projections: Object.keys(PROJECTIONS),
  },
  flange_nosa: { secret: 'secret_good', serviceAccounts: false, projections: [] },
  flange_noperm: { secret: 'secret_good', serviceAccounts: true, ifsUser: 'FLANGE_NOPERM', projections: [] },
  flange_unmapped: { secret: 'secret_good', serviceAccounts: true, projections: [] },
};

/** Start the IFS Cloud simulator (one namespace, `acmeprod`). */
export async function startIfsSimulator(opts: ProductSimulatorOptions = {}): Promise<Simulator> {
  const app = productApp();
  let realmBase = '';
  const oauth: OAuthServer = createOAuthServer({
    issuer: `https://ifs.acme.example/auth/realms/${IFS_NAMESPACE}`,
    clients: Object.entries(IFS_CLIENTS).map(([clientId, c]) => ({
      clientId,
      clientSecret: c.secret,
      grants: ['client_credentials'],
      subject: `service-account-${clientId}`,
      claims: {
        preferred_username: `service-account-${clientId}`,
        azp: clientId,
        ...(c.ifsUser ? { ifs_user: c.ifsUser } : {}),
      },
      ...(c.serviceAccounts
        ? {}
        : {
            reject: {
              status: 401,
              error: 'unauthorized_client',
              description: 'Client not enabled to retrieve service account',
              reason: 'no_service_account',
            },
          }),
    })),
    accessTokenLifetimeSeconds: 180,
    formatError: (r) => {
      if (r.reason === 'unknown_client')
        return {
          status: 401,
          body: {
            error: 'invalid_client',
            error_description: 'Invalid client or Invalid client credentials',
          },
        };
      if (r.reason === 'bad_secret')
        return {
          status: 401,
          body: {
            error: 'unauthorized_client',
            error_description: 'Invalid client or Invalid client credentials',
          },
        };
      return { status: r.status, body: { error: r.error, error_description: r.description } };
    },
    shapeTokenResponse: (body, { claims }) => ({
      access_token: body.access_token,
      expires_in: claims.exp - claims.iat,
      refresh_expires_in: 0,
      token_type: 'Bearer',
      'not-before-policy': 0,
      scope: 'openid microprofile-jwt profile email',
    }),
  });

  const realm = (req: Request, res: Response) => {
    if (req.params.realm !== IFS_NAMESPACE) {
      res.status(404).json({ error: 'Realm does not exist', error_description: 'Realm does not exist' });
      return false;
    }
    return true;
  };

  app.get('/auth/realms/:realm/.well-known/openid-configuration', (req, res) => {
    if (!realm(req, res)) return;
    realmBase = `${req.protocol}://${req.get('host')}/auth/realms/${IFS_NAMESPACE}`;
    res.json({
      issuer: realmBase,
      authorization_endpoint: `${realmBase}/protocol/openid-connect/auth`,
      token_endpoint: `${realmBase}/protocol/openid-connect/token`,
      introspection_endpoint: `${realmBase}/protocol/openid-connect/token/introspect`,
      userinfo_endpoint: `${realmBase}/protocol/openid-connect/userinfo`,
      end_session_endpoint: `${realmBase}/protocol/openid-connect/logout`,
      jwks_uri: `${realmBase}/protocol/openid-connect/certs`,
      grant_types_supported: [
        'authorization_code',
        'implicit',
        'refresh_token',
        'password',
        'client_credentials',
      ],
      response_types_supported: [
        'code',
        'none',
        'id_token',
        'token',
        'id_token token',
        'code id_token',
        'code token',
        'code id_token token',
      ],
      token_endpoint_auth_methods_supported: [
        'private_key_jwt',
        'client_secret_basic',
        'client_secret_post',
        'tls_client_auth',
        'client_secret_jwt',
      ],
      scopes_supported: ['openid', 'microprofile-jwt', 'profile', 'email', 'offline_access'],
    });
  });
  app.get('/auth/realms/:realm/protocol/openid-connect/certs', (req, res) => {
    if (!realm(req, res)) return;
    res.json(oauth.jwks);
  });
  app.post(
    '/auth/realms/:realm/protocol/openid-connect/token',
    express.urlencoded({ extended: false, limit: '64kb' }),
    async (req, res) => {
      if (!realm(req, res)) return;
      await oauth.tokenHandler(req, res);
    },
  );

  const bearer = (req: Request) => {
    const h = req.get('authorization') ?? '';
    return h.toLowerCase().startsWith('bearer ') ? oauth.verify(h.slice(7).trim()) : null;
  };

  app.get('/auth/realms/:realm/protocol/openid-connect/userinfo', (req, res) => {
    if (!realm(req, res)) return;
    const claims = bearer(req);
    if (!claims) {
      res.status(401).json({ error: 'invalid_token', error_description: 'Token verification failed' });
      return;
    }
    res.json({ sub: claims.sub, preferred_username: claims.preferred_username, email_verified: false });
  });

  app.get('/main/ifsapplications/projection/v1/:svc/:set', (req, res) => {
    const claims = bearer(req);
    if (!claims) {
      res
        .set('WWW-Authenticate', 'Bearer')
        .status(401)
        .json({ error: { code: 'UNAUTHORIZED', message: 'Access token is missing or invalid.' } });
      return;
    }
    const client = IFS_CLIENTS[String(claims.azp)];
    if (!client?.ifsUser) {
      res.status(401).json({
        error: {
          code: 'UNAUTHORIZED',
          message: `The user ${String(claims.preferred_username)} is not an IFS user.`,
        },
      });
      return;
    }
    const projection = String(req.params.svc).replace(/\.svc$/, '');
    const def = PROJECTIONS[projection];
    if (!def || def.set !== req.params.set || !String(req.params.svc).endsWith('.svc')) {
      res.status(404).json({ error: { code: 'NOT_FOUND', message: 'Resource not found.' } });
      return;
    }
    if (!client.projections.includes(projection)) {
      res.status(403).json({
        error: {
          code: 'FORBIDDEN',
          message: `You do not have permission to access the projection ${projection}.`,
        },
      });
      return;
    }
    res.json({
      '@odata.context': `${req.protocol}://${req.get('host')}/main/ifsapplications/projection/v1/${projection}.svc/$metadata#${def.set}`,
      value: [def.row],
    });
  });

  return startSimulator({ ...opts, name: 'ifs-cloud', handler: app });
}
