import type { SandboxHints } from '@flange/protocol';
import { ENTRA_APPS, ENTRA_SECRET, ENTRA_TENANT_ID } from '../entra/seed';

/** What the test environment shows next to the Finance & Operations form. */
export function financeOperationsSandboxHints(url: string): SandboxHints {
  const values = (client_id: string, client_secret = ENTRA_SECRET) => ({
    auth_method: 'client_credentials',
    instance_url: url,
    tenant_id: ENTRA_TENANT_ID,
    client_id,
    client_secret,
  });
  const { auth_method: _m, ...good } = values(ENTRA_APPS.good);
  return {
    note: 'Test environment: the Flange F&O simulator; it also answers for login.microsoftonline.com (host override map).',
    instance_url: url,
    credentials: { client_credentials: good },
    scenarios: [
      { label: 'Wrong client secret (AADSTS7000215)', values: values(ENTRA_APPS.good, 'wrong-secret') },
      { label: 'Expired client secret (AADSTS7000222)', values: values(ENTRA_APPS.secretExpired) },
      { label: 'App not added in F&O (401)', values: values(ENTRA_APPS.notRegisteredInProduct) },
      { label: 'Mapped user without roles (403)', values: values(ENTRA_APPS.noPermissions) },
    ],
  };
}
