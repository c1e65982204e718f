/**
 * The sandbox Entra tenant shared by the Business Central and Finance & Operations simulators. Scenarios
 * are chosen by the client ID typed, the way Plaid's sandbox chooses by user name.
 */
import type { EntraTenant } from './entra-directory';

export const ENTRA_TENANT_ID = '6f1d9b0e-3c4a-4b8e-9d2f-0a1b2c3d4e5f';
export const ENTRA_TENANT_DOMAIN = 'contosomfg.onmicrosoft.com';
export const ENTRA_SECRET = 'secret_good';

/** Client IDs by scenario; every app uses ENTRA_SECRET unless the scenario is the secret itself. */
export const ENTRA_APPS = {
  good: '0a0a0a0a-0000-4000-8000-000000000001',
  secretExpired: '0a0a0a0a-0000-4000-8000-000000000002',
  conditionalAccess: '0a0a0a0a-0000-4000-8000-000000000003',
  /** Token issues, but the product does not know the app (not added in the product's Entra applications page). */
  notRegisteredInProduct: '0a0a0a0a-0000-4000-8000-000000000004',
  /** Known to the product, without read permissions. */
  noPermissions: '0a0a0a0a-0000-4000-8000-000000000005',
  /** The product answers 429. */
  throttled: '0a0a0a0a-0000-4000-8000-000000000006',
} as const;

/** A client ID unknown to the tenant (AADSTS700016). */
export const ENTRA_UNKNOWN_APP = '0a0a0a0a-0000-4000-8000-0000000000ff';

/** The sandbox tenant; `resources` lists the products' application ID URIs provisioned in it. */
export function sandboxTenant(resources: string[]): EntraTenant {
  const app = (clientId: string, displayName: string, extra: object = {}) => ({
    clientId,
    clientSecret: ENTRA_SECRET,
    displayName,
    roles: ['API.ReadWrite.All'],
    ...extra,
  });
  return {
    id: ENTRA_TENANT_ID,
    domain: ENTRA_TENANT_DOMAIN,
    displayName: 'Contoso Manufacturing',
    resources,
    apps: [
      app(ENTRA_APPS.good, 'Flange integration'),
      app(ENTRA_APPS.secretExpired, 'Flange (expired secret)', { secretExpired: true }),
      app(ENTRA_APPS.conditionalAccess, 'Flange (blocked by CA)', { blockedByConditionalAccess: true }),
      app(ENTRA_APPS.notRegisteredInProduct, 'Flange (not registered)'),
      app(ENTRA_APPS.noPermissions, 'Flange (no permissions)'),
      app(ENTRA_APPS.throttled, 'Flange (throttled)'),
    ],
  };
}
