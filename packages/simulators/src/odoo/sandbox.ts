import type { SandboxHints } from '@flange/protocol';
import { ODOO_KEYS, ODOO_STANDARD_PLAN_DB } from './data';

/** What the test environment shows next to the Odoo form. */
export function odooSandboxHints(url: string): SandboxHints {
  const key = (api_key: string, database = 'acme-prod') => ({
    auth_method: 'api_key',
    instance_url: url,
    database,
    api_key,
  });
  const pw = (login: string, password: string) => ({
    auth_method: 'password',
    instance_url: url,
    database: 'acme-prod',
    login,
    password,
  });
  return {
    note: 'Test environment: this points at the Flange Odoo 19 simulator (database acme-prod).',
    instance_url: url,
    credentials: {
      api_key: { instance_url: url, database: 'acme-prod', api_key: ODOO_KEYS.good },
      password: { instance_url: url, database: 'acme-prod', login: 'admin', password: 'admin-sandbox' },
    },
    scenarios: [
      { label: 'API key expired or revoked', values: key(ODOO_KEYS.expired) },
      {
        label: 'Signed in, but no access to maintenance requests (AccessError)',
        values: key(ODOO_KEYS.noAccess),
      },
      {
        label: 'Odoo Online Standard plan: no external API',
        values: key(ODOO_KEYS.good, ODOO_STANDARD_PLAN_DB),
      },
      { label: 'Slow server (times out)', values: key(ODOO_KEYS.slow) },
      { label: 'Wrong password (authenticate returns False)', values: pw('admin', 'wrong') },
      { label: 'Two-factor user signing in with a password', values: pw('totp', 'totp-sandbox') },
      { label: 'Unknown database', values: { ...pw('admin', 'admin-sandbox'), database: 'acme-typo' } },
    ],
  };
}
