/**
 * Dynamics 365 Business Central online, API v2.0, behind Entra client credentials.
 *
 * Calls we make: token at `/{tenant}/oauth2/v2.0/token` (scope https://api.businesscentral.dynamics.com/.default),
 * then `GET /v2.0/{tenant}/{environment}/api/v2.0/companies` and one `$top=1` read per entity under
 * `companies({id})/`. Both hosts (login.microsoftonline.com and api.businesscentral.dynamics.com) are served
 * here; tests point both at this server with the host override map.
 *
 * Signals: 401 `Authentication_InvalidCredentials` "The server has rejected the client credentials." when the
 * app is not registered in BC's "Microsoft Entra Applications" page or the token is not for BC [K];
 * 403 `Authorization_RequestDenied` with BC's "You do not have the following permissions on TableData …"
 * text when the app has no permission set [K code, U text]; 404 for an unknown environment [U code];
 * 429 `Application_TooManyRequests` [K]. AADSTS errors come from the Entra layer.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { createEntraDirectory } from '../entra/entra-directory';
import type { EntraDirectory } from '../entra/entra-directory';
import { ENTRA_APPS, ENTRA_TENANT_ID, sandboxTenant } from '../entra/seed';
import { startSimulator } from '../framework/simulator';
import type { Simulator } from '../framework/simulator';
import { productApp } from '../support/serve';
import type { ProductSimulatorOptions } from '../support/serve';

export const BC_RESOURCE = 'https://api.businesscentral.dynamics.com';
export const BC_ENVIRONMENTS = ['production', 'sandbox'] as const;

export interface BusinessCentralSeed {
  /** Apps added in BC's "Microsoft Entra Applications" page, with their permission sets. */
  registeredApps: Record<string, { permissionSets: string[] }>;
  throttledApps: string[];
  companies: { id: string; name: string; displayName: string }[];
}

export const BC_SEED: BusinessCentralSeed = {
  registeredApps: {
    [ENTRA_APPS.good]: { permissionSets: ['D365 BASIC', 'D365 READ'] },
    [ENTRA_APPS.noPermissions]: { permissionSets: [] },
    [ENTRA_APPS.throttled]: { permissionSets: ['D365 READ'] },
  },
  throttledApps: [ENTRA_APPS.throttled],
  companies: [
    { id: '4f1b3c2d-8a9e-4e6f-b0c1-d2e3f4a5b6c7', name: 'CRONUS USA, Inc.', displayName: 'CRONUS USA, Inc.' },
  ],
};

const ENTITY_TABLES: Record<string, { table: string; row: Record<string, unknown> }> = {
  items: {
    table: 'Item',
    row: { number: '1896-S', displayName: 'ATHENS Desk', type: 'Inventory', inventory: 4 },
  },
  purchaseOrders: {
    table: 'Purchase Header',
    row: { number: '106001', vendorNumber: '30000', status: 'Open' },
  },
  vendors: { table: 'Vendor', row: { number: '30000', displayName: 'Graphic Design Institute' } },
};

export interface BusinessCentralSimulator extends Simulator {
  entra: EntraDirectory;
}

function bcError(res: Response, status: number, code: string, message: string) {
  res.status(status).json({ error: { code, message: `${message}  CorrelationId:  ${randomUUID()}.` } });
}

/** Start the simulator; pass `entra` to share one Entra directory with the F&O simulator. */
export async function startBusinessCentralSimulator(
  opts: ProductSimulatorOptions & { entra?: EntraDirectory; seed?: BusinessCentralSeed } = {},
): Promise<BusinessCentralSimulator> {
  const { entra: sharedEntra, seed: seedOpt, ...framework } = opts;
  const seed = seedOpt ?? BC_SEED;
  const entra = sharedEntra ?? createEntraDirectory([sandboxTenant([BC_RESOURCE])]);
  const app = productApp();
  app.use(entra.router);

  const authorize = (req: Request, res: Response): string | null => {
    const header = req.get('authorization') ?? '';
    if (!header.toLowerCase().startsWith('bearer ')) {
      res.set(
        'WWW-Authenticate',
        `Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize"`,
      );
      bcError(
        res,
        401,
        'Authentication_InvalidCredentials',
        'The server has rejected the client credentials.',
      );
      return null;
    }
    const claims = entra.verify(header.slice(7).trim(), BC_RESOURCE);
    if (
      !claims ||
      claims.tid !== String(req.params.tenant).toLowerCase() ||
      !seed.registeredApps[claims.appid]
    ) {
      bcError(
        res,
        401,
        'Authentication_InvalidCredentials',
        'The server has rejected the client credentials.',
      );
      return null;
    }
    if (seed.throttledApps.includes(claims.appid)) {
      res.set('Retry-After', '30');
      bcError(
        res,
        429,
        'Application_TooManyRequests',
        'Too many requests reached. Actual (1), Maximum (600).',
      );
      return null;
    }
    if (!BC_ENVIRONMENTS.includes(String(req.params.env) as (typeof BC_ENVIRONMENTS)[number])) {
      bcError(res, 404, 'NotFound', `The environment '${String(req.params.env)}' does not exist.`);
      return null;
    }
    return claims.appid;
  };

  const base = '/v2.0/:tenant/:env/api/v2.0';
  app.get(`${base}/companies`, (req, res) => {
    if (!authorize(req, res)) return;
    const url = `${req.protocol}://${req.get('host')}/v2.0/${String(req.params.tenant)}/${String(req.params.env)}/api/v2.0`;
    res.json({
      '@odata.context': `${url}/$metadata#companies`,
      value: seed.companies.map((c) => ({
        id: c.id,
        systemVersion: '24.0.16410.18040',
        timestamp: 21339,
        name: c.name,
        displayName: c.displayName,
        businessProfileId: '',
        systemCreatedAt: '2024-01-10T08:00:00Z',
        systemCreatedBy: '00000000-0000-0000-0000-000000000001',
        systemModifiedAt: '2024-01-10T08:00:00Z',
        systemModifiedBy: '00000000-0000-0000-0000-000000000001',
      })),
    });
  });

  app.get(`${base}/companies\\(:companyId\\)/:entity`, (req, res) => {
    const appId = authorize(req, res);
    if (!appId) return;
    const companyId = (req.params as Record<string, string>).companyId;
    const company = seed.companies.find((c) => c.id === companyId);
    if (!company) {
      bcError(
        res,
        404,
        'Internal_CompanyNotFound',
        `Cannot process the request because the company cannot be found.`,
      );
      return;
    }
    const entity = ENTITY_TABLES[String(req.params.entity)];
    if (!entity) {
      bcError(
        res,
        404,
        'BadRequest_NotFound',
        `The request URI is not valid. Since the segment '${String(req.params.entity)}' refers to a collection, this must be the last segment in the request URI or it must be followed by an function or action that can be bound to it otherwise all intermediate segments must refer to a single resource.`,
      );
      return;
    }
    if ((seed.registeredApps[appId]?.permissionSets ?? []).length === 0) {
      bcError(
        res,
        403,
        'Authorization_RequestDenied',
        `You do not have the following permissions on TableData ${entity.table}: Read`,
      );
      return;
    }
    res.json({
      '@odata.context': `$metadata#companies(${company.id})/${String(req.params.entity)}`,
      value: [{ id: randomUUID(), ...entity.row }],
    });
  });

  const sim = await startSimulator({ ...framework, name: 'ms-dynamics-365-business-central', handler: app });
  return Object.assign(sim, { entra });
}

/** Values a sandbox user types, by scenario. */
export const BC_SANDBOX = {
  tenantId: ENTRA_TENANT_ID,
  environment: 'production',
  apps: ENTRA_APPS,
};
