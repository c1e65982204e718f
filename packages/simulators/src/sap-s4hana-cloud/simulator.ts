/**
 * SAP S/4HANA Cloud (public edition) OData V2 APIs, called by a communication user (Basic) attached to
 * communication arrangements, or with an XSUAA client-credentials token.
 *
 * Calls we make: `GET /sap/opu/odata/sap/{service}/$metadata` with `x-csrf-token: Fetch` (answered with a
 * token and session cookies), then `GET /sap/opu/odata/sap/{service}/{EntitySet}?$top=1` per entity.
 * XSUAA: `POST /oauth/token` (client id/secret as Basic, grant_type=client_credentials) on the
 * `{subdomain}.authentication.{region}.hana.ondemand.com` host, served here too.
 *
 * Signals: 401 + `WWW-Authenticate: Basic realm="SAP NetWeaver Application Server [SID/client]"` on any
 * logon failure (wrong, locked, expired: the reason is not given) [K]; 403 `/IWFND/CM_CONSUMER/101` when
 * no arrangement grants the service [K on-prem, U that Cloud sends the same body]; 404 `/IWFND/MED/170`
 * for a service that does not exist [U]; writes without a CSRF token: 403 + `x-csrf-token: Required` [V].
 * XSUAA bad client: 401 `{"error":"unauthorized","error_description":"Bad credentials"}` [K].
 */
import { randomUUID } from 'node:crypto';
import express from 'express';
import type { Request, Response } from 'express';
import { startSimulator } from '../framework/simulator';
import type { Simulator } from '../framework/simulator';
import { createOAuthServer } from '../oauth/oauth-server';
import {
  basicCredentials,
  csrfFetch,
  gatewayError,
  logonFailed,
  metadataXml,
  odataCollection,
  S4_SERVICES,
} from '../sap-gateway/odata';
import type { SapSystem } from '../sap-gateway/odata';
import { productApp } from '../support/serve';
import type { ProductSimulatorOptions } from '../support/serve';

const ALL = Object.keys(S4_SERVICES);

/** Communication users (user name → password and the services its arrangements expose). */
export const S4C_USERS: Record<string, { password: string; services: string[]; locked?: boolean }> = {
  user_good: { password: 'pass_good', services: ALL },
  user_locked: { password: 'pass_good', services: ALL, locked: true },
  user_noauth: { password: 'pass_good', services: [] },
  user_partial: { password: 'pass_good', services: ['API_PURCHASEORDER_PROCESS_SRV', 'API_PRODUCT_SRV'] },
};

/** XSUAA clients (client id → secret and the services its role collections expose). */
export const S4C_XSUAA_CLIENTS: Record<string, { secret: string; services: string[] }> = {
  'sb-flange!b4711': { secret: 'xsuaa_secret_good', services: ALL },
  'sb-flange-noroles!b4711': { secret: 'xsuaa_secret_good', services: [] },
};

const SYSTEM: SapSystem = { sid: 'ZK1', client: '100' };

/** Start the S/4HANA Cloud simulator (tenant API host and XSUAA host on one server). */
export async function startS4HanaCloudSimulator(opts: ProductSimulatorOptions = {}): Promise<Simulator> {
  const app = productApp();
  const oauth = createOAuthServer({
    issuer: 'http://flange-sandbox.localhost:8080/uaa/oauth/token',
    clients: Object.entries(S4C_XSUAA_CLIENTS).map(([clientId, c]) => ({
      clientId,
      clientSecret: c.secret,
      grants: ['client_credentials'],
      subject: clientId,
      claims: { services: c.services, zid: randomUUID() },
    })),
    accessTokenLifetimeSeconds: 43199,
    formatError: (r) =>
      r.reason === 'bad_secret' || r.reason === 'unknown_client' || r.error === 'invalid_client'
        ? { status: 401, body: { error: 'unauthorized', error_description: 'Bad credentials' } }
        : { status: r.status, body: { error: r.error, error_description: r.description } },
    shapeTokenResponse: (body, { claims }) => ({
      access_token: body.access_token,
      token_type: 'bearer',
      expires_in: claims.exp - claims.iat,
      scope: 'uaa.resource',
      jti: claims.jti,
    }),
  });
  app.post('/oauth/token', express.urlencoded({ extended: false, limit: '64kb' }), oauth.tokenHandler);

  /** The caller's services, or null after answering the logon failure. */
  const authenticate = (req: Request, res: Response): string[] | null => {
    const auth = req.get('authorization') ?? '';
    if (auth.toLowerCase().startsWith('bearer ')) {
      const claims = oauth.verify(auth.slice(7).trim());
      if (!claims) {
        res.set('WWW-Authenticate', 'Bearer realm="SAP NetWeaver Application Server", error="invalid_token"');
        res.status(401).end();
        return null;
      }
      return (claims.services as string[] | undefined) ?? [];
    }
    const creds = basicCredentials(req);
    const user = creds ? S4C_USERS[creds.user.toLowerCase()] : undefined;
    if (!creds || !user || user.password !== creds.password || user.locked) {
      logonFailed(res, SYSTEM);
      return null;
    }
    return user.services;
  };

  app.use('/sap/opu/odata/sap', (req, res) => {
    const [, serviceRaw = '', entity = ''] = req.path.split('/');
    const service = decodeURIComponent(serviceRaw);
    const services = authenticate(req, res);
    if (!services) return;
    const def = S4_SERVICES[service];
    if (!def) {
      gatewayError(
        res,
        404,
        '/IWFND/MED/170',
        `No service found for namespace '/SAP/', name '${service}', version '0001'`,
        service,
      );
      return;
    }
    if (!services.includes(service)) {
      gatewayError(
        res,
        403,
        '/IWFND/CM_CONSUMER/101',
        `No authorization to access Service '${service.split(';')[0]}_0001'`,
        service,
      );
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.set('x-csrf-token', 'Required').status(403).type('text/plain').send('CSRF token validation failed');
      return;
    }
    csrfFetch(req, res, SYSTEM);
    res.set('dataserviceversion', '2.0');
    if (entity === '' || entity === '$metadata') {
      res.type('application/xml').send(metadataXml(service, [def.entitySet]));
      return;
    }
    if (entity !== def.entitySet) {
      gatewayError(res, 404, '/IWBEP/CM_MGW_RT/020', `Resource not found for segment '${entity}'.`, service);
      return;
    }
    res.json(odataCollection(req, service, def.entitySet, [def.row]));
  });

  return startSimulator({ ...opts, name: 'sap-s4hana-cloud', handler: app });
}
