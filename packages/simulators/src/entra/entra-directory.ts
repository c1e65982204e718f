/**
 * Microsoft Entra ID (login.microsoftonline.com) v2.0 token endpoint for the client-credentials flow, as
 * Business Central and Finance & Operations use it. The OAuth mechanics come from the shared OAuth server;
 * this layer adds what Entra does on top: tenant in the path, `{resource}/.default` scopes, resource
 * principals provisioned per tenant, and AADSTS error bodies (error, error_description with the AADSTS
 * number and trace ids, error_codes, timestamp, trace_id, correlation_id, error_uri).
 *
 * AADSTS numbers and texts follow Microsoft's public error reference; Microsoft says the numbers can change,
 * so the connectors read `error_codes` but never depend on the text. [V for the shape, U for exact texts]
 */
import { randomUUID } from 'node:crypto';
import express from 'express';
import type { Router } from 'express';
import { createOAuthServer } from '../oauth/oauth-server';
import type { AccessTokenClaims, OAuthRejection, OAuthServer } from '../oauth/oauth-server';

export interface EntraApp {
  clientId: string;
  clientSecret: string;
  displayName: string;
  /** The secret matched but its end date has passed (AADSTS7000222). */
  secretExpired?: boolean;
  /** A Conditional Access policy for workload identities blocks token issuance (AADSTS53003). */
  blockedByConditionalAccess?: boolean;
  /** Application permissions granted with admin consent, emitted as the `roles` claim. */
  roles?: string[];
}

export interface EntraTenant {
  id: string;
  domain: string;
  displayName: string;
  apps: EntraApp[];
  /** Resource principals (application ID URIs) provisioned in the tenant, e.g. https://api.businesscentral.dynamics.com. */
  resources: string[];
}

/** A verified Entra access token, as a resource server sees it. */
export interface EntraClaims extends AccessTokenClaims {
  tid: string;
  appid: string;
  roles?: string[];
}

export interface EntraDirectory {
  router: Router;
  /** Verify a bearer token for `resource`; null when the signature, expiry or audience does not match. */
  verify(token: string, resource: string): EntraClaims | null;
  tenants: EntraTenant[];
  /** Token requests received, by outcome, for tests. */
  log: { tenant: string; clientId: string | undefined; outcome: string }[];
}

const AADSTS: Record<number, { error: string; status: number; text: (v: Record<string, string>) => string }> =
  {
    90002: {
      error: 'invalid_request',
      status: 400,
      text: (v) =>
        `Tenant '${v.tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    },
    900023: {
      error: 'invalid_request',
      status: 400,
      text: (v) =>
        `Specified tenant identifier '${v.tenant}' is neither a valid DNS name, nor a valid external domain.`,
    },
    700016: {
      error: 'unauthorized_client',
      status: 400,
      text: (v) =>
        `Application with identifier '${v.clientId}' was not found in the directory '${v.tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    },
    7000215: {
      error: 'invalid_client',
      status: 401,
      text: (v) =>
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${v.clientId}'.`,
    },
    7000222: {
      error: 'invalid_client',
      status: 401,
      text: (v) =>
        `The provided client secret keys for app '${v.clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
    },
    7000218: {
      error: 'invalid_client',
      status: 401,
      text: () =>
        `The request body must contain the following parameter: 'client_assertion' or 'client_secret'.`,
    },
    500011: {
      error: 'invalid_resource',
      status: 400,
      text: (v) =>
        `The resource principal named ${v.resource} was not found in the tenant named ${v.tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
    },
    1002012: {
      error: 'invalid_scope',
      status: 400,
      text: (v) =>
        `The provided value for scope ${v.scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    },
    53003: {
      error: 'access_denied',
      status: 400,
      text: () =>
        'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
    },
    900144: {
      error: 'invalid_request',
      status: 400,
      text: () => `The request body must contain the following parameter: 'grant_type'.`,
    },
  };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function rejection(code: number, vars: Record<string, string>): OAuthRejection {
  const def = AADSTS[code];
  if (!def) throw new Error(`no AADSTS ${code}`);
  return {
    status: def.status,
    error: def.error,
    description: def.text(vars),
    reason: `AADSTS${code}`,
    extra: { code },
  };
}

/** The Entra error body: the same fields, in the same order, as login.microsoftonline.com sends. */
function aadstsBody(r: OAuthRejection): { status: number; body: Record<string, unknown> } {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  const code = typeof r.extra?.code === 'number' ? r.extra.code : 7000215;
  return {
    status: r.status,
    body: {
      error: r.error,
      error_description: `AADSTS${code}: ${r.description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}

/** `https://api.businesscentral.dynamics.com/.default` → `https://api.businesscentral.dynamics.com`. */
function resourceOf(scope: string | undefined): string | undefined {
  if (!scope) return undefined;
  const parts = scope.trim().split(/\s+/);
  if (parts.length !== 1 || !parts[0]?.endsWith('/.default')) return undefined;
  return parts[0].slice(0, -'/.default'.length);
}

/** Build the directory: one OAuth server per tenant (each tenant is its own issuer, as in Entra). */
export function createEntraDirectory(tenants: EntraTenant[]): EntraDirectory {
  const log: EntraDirectory['log'] = [];
  const servers = new Map<string, { tenant: EntraTenant; oauth: OAuthServer }>();
  for (const tenant of tenants) {
    const vars = { tenantName: tenant.domain };
    const oauth = createOAuthServer({
      issuer: `https://sts.windows.net/${tenant.id}/`,
      clients: tenant.apps.map((a) => ({
        clientId: a.clientId,
        clientSecret: a.clientSecret,
        grants: ['client_credentials'],
        subject: `sp-${a.clientId}`,
        claims: {
          tid: tenant.id,
          appid: a.clientId,
          app_displayname: a.displayName,
          idtyp: 'app',
          roles: a.roles ?? [],
        },
        ...(a.secretExpired ? { reject: rejection(7000222, { clientId: a.clientId }) } : {}),
        ...(a.blockedByConditionalAccess && !a.secretExpired ? { reject: rejection(53003, {}) } : {}),
      })),
      accessTokenLifetimeSeconds: 3599,
      audienceFromScope: (scopes) => resourceOf(scopes?.join(' ')) ?? 'unknown',
      intercept: (req) => {
        if (!req.grantType) return rejection(900144, {});
        if (!req.clientId) return rejection(7000218, {});
        if (!tenant.apps.some((a) => a.clientId === req.clientId))
          return rejection(700016, { ...vars, clientId: req.clientId });
        if (req.grantType !== 'client_credentials') return undefined;
        const resource = resourceOf(req.scope);
        if (!resource) return rejection(1002012, { scope: req.scope ?? '' });
        return undefined;
      },
      formatError: (r, req) => {
        let out = r;
        if (r.reason === 'bad_secret') out = rejection(7000215, { clientId: req.clientId ?? '' });
        else if (r.reason === 'unknown_client')
          out = rejection(700016, { ...vars, clientId: req.clientId ?? '' });
        else if (!r.reason.startsWith('AADSTS')) out = { ...r, extra: { code: 50000 } };
        log.push({ tenant: tenant.id, clientId: req.clientId, outcome: out.reason });
        return aadstsBody(out);
      },
      shapeTokenResponse: (body, { req, claims }) => {
        log.push({ tenant: tenant.id, clientId: req.clientId, outcome: 'issued' });
        const lifetime = claims.exp - claims.iat;
        return {
          token_type: 'Bearer',
          expires_in: lifetime,
          ext_expires_in: lifetime,
          access_token: body.access_token,
        };
      },
    });
    servers.set(tenant.id.toLowerCase(), { tenant, oauth });
    servers.set(tenant.domain.toLowerCase(), { tenant, oauth });
  }

  const router = express.Router();
  router.post(
    '/:tenant/oauth2/v2.0/token',
    express.urlencoded({ extended: false, limit: '64kb' }),
    async (req, res) => {
      const key = String(req.params.tenant).toLowerCase();
      const entry = servers.get(key);
      if (!entry) {
        const valid = GUID.test(key) || /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(key);
        const r = valid
          ? rejection(90002, { tenant: String(req.params.tenant) })
          : rejection(900023, { tenant: String(req.params.tenant) });
        log.push({
          tenant: key,
          clientId: (req.body as Record<string, string> | undefined)?.client_id,
          outcome: r.reason,
        });
        const out = aadstsBody(r);
        res.status(out.status).json(out.body);
        return;
      }
      const resource = resourceOf((req.body as Record<string, string> | undefined)?.scope);
      if (
        resource &&
        !entry.tenant.resources.includes(resource) &&
        entry.tenant.apps.some((a) => a.clientId === req.body?.client_id)
      ) {
        const r = rejection(500011, { resource, tenantName: entry.tenant.domain });
        log.push({ tenant: key, clientId: req.body?.client_id, outcome: r.reason });
        const out = aadstsBody(r);
        res.status(out.status).json(out.body);
        return;
      }
      await entry.oauth.tokenHandler(req, res);
    },
  );
  router.get('/:tenant/v2.0/.well-known/openid-configuration', (req, res) => {
    const entry = servers.get(String(req.params.tenant).toLowerCase());
    if (!entry) {
      res.status(400).json(aadstsBody(rejection(90002, { tenant: String(req.params.tenant) })).body);
      return;
    }
    const base = `${req.protocol}://${req.get('host')}/${entry.tenant.id}`;
    res.json({
      token_endpoint: `${base}/oauth2/v2.0/token`,
      issuer: `https://login.microsoftonline.com/${entry.tenant.id}/v2.0`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      tenant_region_scope: 'EU',
    });
  });

  return {
    router,
    tenants,
    log,
    verify(token, resource) {
      for (const { oauth } of new Set(servers.values())) {
        const claims = oauth.verify(token);
        if (claims) return claims.aud === resource ? (claims as EntraClaims) : null;
      }
      return null;
    },
  };
}
