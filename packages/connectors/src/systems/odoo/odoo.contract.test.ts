import { ODOO_KEYS, startOdooSimulator } from '@flange/simulators';
import { runConnectorContract } from '../../testing';
import { odoo } from './definition';

const key =
  (api_key: string, database = 'acme-prod') =>
  (url: string) => ({ instance_url: url, database, api_key });
const pw =
  (login: string, password: string, database = 'acme-prod') =>
  (url: string) => ({ instance_url: url, database, login, password });

const ALL = ['purchase_orders', 'inventory_items', 'work_orders', 'assets'];

runConnectorContract({
  systemId: 'odoo',
  definitions: [odoo],
  async start() {
    const sim = await startOdooSimulator({ credentialSlowMs: 60_000 });
    return {
      url: sim.url,
      authAttempts: () => sim.state.authAttempts,
      reset: () => sim.state.reset(),
      close: () => sim.close(),
    };
  },
  good: [
    { authMethod: 'api_key', values: key(ODOO_KEYS.good), user: 'admin', entities: ALL },
    { authMethod: 'password', values: pw('admin', 'admin-sandbox'), user: 'admin', entities: ALL },
    { authMethod: 'password', values: pw('totp', ODOO_KEYS.totpUser), user: 'totp', entities: ALL },
  ],
  failures: [
    {
      name: 'expired or revoked key (401 Invalid apikey)',
      authMethod: 'api_key',
      values: key(ODOO_KEYS.expired),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'api_key',
      guidance: true,
      possibleCauses: true,
    },
    {
      name: 'user without purchase rights (AccessError)',
      authMethod: 'api_key',
      values: key(ODOO_KEYS.noAccess),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authorize',
      param: null,
      upstreamCode: 'odoo.exceptions.AccessError',
      guidance: true,
    },
    {
      name: 'Odoo Online Standard plan (no external API)',
      authMethod: 'api_key',
      values: key(ODOO_KEYS.good, 'standard-plan'),
      code: 'FEATURE_DISABLED',
      step: 'authenticate',
      param: null,
      guidance: true,
    },
    {
      name: 'unknown database',
      authMethod: 'api_key',
      values: key(ODOO_KEYS.good, 'acme-typo'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'database',
    },
    {
      name: 'wrong password (authenticate → false, HTTP 200)',
      authMethod: 'password',
      values: pw('admin', 'wrong-password'),
      code: 'LOGIN_FAILED',
      step: 'authenticate',
      param: 'password',
      guidance: true,
      possibleCauses: true,
    },
    {
      name: 'two-factor user with a password (authenticate → false)',
      authMethod: 'password',
      values: pw('totp', 'totp-sandbox'),
      code: 'LOGIN_FAILED',
      step: 'authenticate',
      param: 'password',
      possibleCauses: true,
    },
    {
      name: 'unknown database over RPC',
      authMethod: 'password',
      values: pw('admin', 'admin-sandbox', 'acme-typo'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'database',
    },
    {
      name: 'user without purchase rights over RPC (AccessError)',
      authMethod: 'password',
      values: pw('clerk', 'clerk-sandbox'),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authorize',
      param: null,
      upstreamCode: 'odoo.exceptions.AccessError',
    },
    {
      name: 'Standard plan over RPC',
      authMethod: 'password',
      values: pw('admin', 'admin-sandbox', 'standard-plan'),
      code: 'FEATURE_DISABLED',
      step: 'authenticate',
      param: null,
    },
  ],
});
