/**
 * Dynamics 365 Finance & Operations (Finance / Supply Chain) OData under `/data`, behind Entra client
 * credentials with scope `https://{environment host}/.default`.
 *
 * Calls we make: the Entra token, then `GET /data/LegalEntities?$top=1` (identity: the legal entity) and one
 * `$top=1` read per entity. The reference names `/data/Companies` [U]; LegalEntities is the public entity
 * set we know of [K], so that is what we read.
 *
 * Signals: 401 with an empty body when the Entra app is not added in F&O's "Microsoft Entra applications"
 * (System administration → Setup) and mapped to a user [K status, U body]; 403 when the mapped user's
 * roles lack the entity's privilege [U]; 429 with Retry-After under service protection limits [K].
 */
import type { Request, Response } from 'express';
import { createEntraDirectory } from '../entra/entra-directory';
import type { EntraDirectory } from '../entra/entra-directory';
import { ENTRA_APPS, sandboxTenant } from '../entra/seed';
import { startSimulator } from '../framework/simulator';
import type { Simulator } from '../framework/simulator';
import { productApp } from '../support/serve';
import type { ProductSimulatorOptions } from '../support/serve';

/** The public environment URL the sandbox answers for (point it here with the host override map). */
export const FO_PUBLIC_URL = 'https://contosomfg.operations.dynamics.com';

export interface FinanceOperationsSeed {
  /** Entra applications page: client ID → mapped F&O user and whether its roles can read the entities. */
  mappedApps: Record<string, { userId: string; canRead: boolean }>;
  throttledApps: string[];
}

export const FO_SEED: FinanceOperationsSeed = {
  mappedApps: {
    [ENTRA_APPS.good]: { userId: 'FLANGE_SVC', canRead: true },
    [ENTRA_APPS.noPermissions]: { userId: 'FLANGE_NOROLE', canRead: false },
    [ENTRA_APPS.throttled]: { userId: 'FLANGE_SVC', canRead: true },
  },
  throttledApps: [ENTRA_APPS.throttled],
};

const ENTITIES: Record<string, Record<string, unknown>> = {
  LegalEntities: { LegalEntityId: 'USMF', Name: 'Contoso Entertainment System USA' },
  PurchaseOrderHeadersV2: {
    dataAreaId: 'usmf',
    PurchaseOrderNumber: '00000001',
    OrderVendorAccountNumber: 'US-101',
  },
  ReleasedProductsV2: { dataAreaId: 'usmf', ItemNumber: 'A0001', ProductName: 'HDMI 6 ft' },
  VendorsV2: {
    dataAreaId: 'usmf',
    VendorAccountNumber: 'US-101',
    VendorOrganizationName: 'Fabrikam Electronics',
  },
};

export interface FinanceOperationsSimulator extends Simulator {
  entra: EntraDirectory;
}

/** Start the simulator; pass `entra` to share one Entra directory with the Business Central simulator. */
export async function startFinanceOperationsSimulator(
  opts: ProductSimulatorOptions & { entra?: EntraDirectory; seed?: FinanceOperationsSeed } = {},
): Promise<FinanceOperationsSimulator> {
  const { entra: sharedEntra, seed: seedOpt, ...framework } = opts;
  const seed = seedOpt ?? FO_SEED;
  const entra = sharedEntra ?? createEntraDirectory([sandboxTenant([])]);
  const audiences = new Set([FO_PUBLIC_URL]);
  const app = productApp();
  app.use(entra.router);

  const mapped = (req: Request, res: Response) => {
    const header = req.get('authorization') ?? '';
    const token = header.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : '';
    const claims = [...audiences].map((aud) => entra.verify(token, aud)).find((c) => c !== null) ?? null;
    const user = claims ? seed.mappedApps[claims.appid] : undefined;
    if (!claims || !user) {
      res.status(401).end();
      return null;
    }
    if (seed.throttledApps.includes(claims.appid)) {
      res
        .set('Retry-After', '20')
        .status(429)
        .json({ Message: 'Too many requests. Retry after 20 seconds.' });
      return null;
    }
    return user;
  };

  app.get('/data/:entity', (req, res) => {
    const user = mapped(req, res);
    if (!user) return;
    const entity = String(req.params.entity);
    const row = ENTITIES[entity];
    if (!row) {
      res.status(404).json({
        error: {
          code: '',
          message: `No HTTP resource was found that matches the request URI '${req.originalUrl}'.`,
        },
      });
      return;
    }
    if (!user.canRead && entity !== 'LegalEntities') {
      res.status(403).json({
        error: {
          code: '',
          message: `Access denied: the user ${user.userId} has no privilege to read ${entity}.`,
        },
      });
      return;
    }
    res.json({
      '@odata.context': `${FO_PUBLIC_URL}/data/$metadata#${entity}`,
      value: [{ '@odata.etag': 'W/"JzEsNTYzNzE0NDU3Nic="', ...row }],
    });
  });

  const sim = await startSimulator({
    ...framework,
    name: 'ms-dynamics-365-finance-operations',
    handler: app,
  });
  // Tokens may name the environment by its public URL or by the simulator's own address.
  audiences.add(sim.url);
  for (const t of entra.tenants) t.resources.push(FO_PUBLIC_URL, sim.url);
  return Object.assign(sim, { entra });
}
