import type { SandboxHints } from '@flange/protocol';
import { ACUMATICA_PASSWORD } from './data';

/** What the test environment shows next to the Acumatica form. */
export function acumaticaSandboxHints(url: string): SandboxHints {
  const values = (username: string, password = ACUMATICA_PASSWORD) => ({
    auth_method: 'password',
    instance_url: url,
    username,
    password,
    tenant: 'Company',
  });
  return {
    note: 'Test environment: this points at the Flange Acumatica simulator (tenants Company and Demo). The licence allows 2 concurrent API sessions.',
    instance_url: url,
    credentials: {
      password: { instance_url: url, username: 'api_good', password: ACUMATICA_PASSWORD, tenant: 'Company' },
    },
    scenarios: [
      { label: 'Wrong password', values: values('api_good', 'wrong-password') },
      { label: 'Account locked out', values: values('api_locked') },
      { label: 'Password expired', values: values('api_expired') },
      { label: 'Licence limit: Maximum Number of Web Services API Users', values: values('api_limit') },
      { label: 'Signed in, but no rights on purchase orders', values: values('api_noperm') },
      { label: 'Slow server (times out)', values: values('api_slow') },
    ],
  };
}
