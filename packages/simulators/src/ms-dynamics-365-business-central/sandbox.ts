import type { SandboxHints } from '@flange/protocol';
import { ENTRA_APPS, ENTRA_SECRET, ENTRA_TENANT_ID, ENTRA_UNKNOWN_APP } from '../entra/seed';

const values = (client_id: string, client_secret = ENTRA_SECRET, extra: Record<string, string> = {}) => ({
  auth_method: 'client_credentials',
  tenant_id: ENTRA_TENANT_ID,
  environment: 'production',
  client_id,
  client_secret,
  ...extra,
});

/** What the test environment shows next to the Business Central form. */
export function businessCentralSandboxHints(url: string): SandboxHints {
  const { auth_method: _m, ...good } = values(ENTRA_APPS.good);
  return {
    note: 'Test environment: the Flange simulator answers for login.microsoftonline.com and api.businesscentral.dynamics.com (host override map).',
    instance_url: url,
    credentials: { client_credentials: good },
    scenarios: [
      { label: 'Wrong client secret (AADSTS7000215)', values: values(ENTRA_APPS.good, 'wrong-secret') },
      { label: 'Expired client secret (AADSTS7000222)', values: values(ENTRA_APPS.secretExpired) },
      { label: 'App not in this tenant (AADSTS700016)', values: values(ENTRA_UNKNOWN_APP) },
      { label: 'Blocked by Conditional Access (AADSTS53003)', values: values(ENTRA_APPS.conditionalAccess) },
      { label: 'App not added in Business Central', values: values(ENTRA_APPS.notRegisteredInProduct) },
      { label: 'App without permission sets', values: values(ENTRA_APPS.noPermissions) },
      {
        label: 'Unknown environment',
        values: values(ENTRA_APPS.good, ENTRA_SECRET, { environment: 'nope' }),
      },
      { label: 'Throttled (429)', values: values(ENTRA_APPS.throttled) },
    ],
  };
}
