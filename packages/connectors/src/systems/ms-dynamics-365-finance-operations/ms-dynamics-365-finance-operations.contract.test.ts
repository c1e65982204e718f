import {
  ENTRA_APPS,
  ENTRA_SECRET,
  ENTRA_TENANT_ID,
  startFinanceOperationsSimulator,
} from '@flange/simulators';
import type { FinanceOperationsSimulator } from '@flange/simulators';
import { runConnectorContract } from '../../testing';

const hostOverrides: Record<string, string> = {};
const app =
  (client_id: string, client_secret = ENTRA_SECRET) =>
  (url: string) => ({ instance_url: url, tenant_id: ENTRA_TENANT_ID, client_id, client_secret });

let sim: FinanceOperationsSimulator;
runConnectorContract({
  systemId: 'ms-dynamics-365-finance-operations',
  async start() {
    sim = await startFinanceOperationsSimulator();
    hostOverrides['login.microsoftonline.com'] = sim.url;
    return {
      url: sim.url,
      authAttempts: () =>
        sim.hits((r) => r.path.endsWith('/oauth2/v2.0/token') || r.headers.authorization !== undefined),
      reset: () => sim.clearLog(),
      close: () => sim.close(),
    };
  },
  policy: { hostOverrides },
  good: [
    {
      authMethod: 'client_credentials',
      values: app(ENTRA_APPS.good),
      user: ENTRA_APPS.good,
      entities: ['purchase_orders', 'products', 'vendors'],
    },
  ],
  failures: [
    {
      name: 'wrong client secret (AADSTS7000215)',
      authMethod: 'client_credentials',
      values: app(ENTRA_APPS.good, 'wrong-secret-value'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'client_secret',
      upstreamCode: 'AADSTS7000215',
    },
    {
      name: 'expired client secret (AADSTS7000222)',
      authMethod: 'client_credentials',
      values: app(ENTRA_APPS.secretExpired),
      code: 'KEY_EXPIRED',
      step: 'authenticate',
      param: 'client_secret',
      upstreamCode: 'AADSTS7000222',
    },
    {
      name: 'app not added in F&O (401)',
      authMethod: 'client_credentials',
      values: app(ENTRA_APPS.notRegisteredInProduct),
      code: 'FEATURE_DISABLED',
      step: 'authenticate',
      param: 'client_id',
      guidance: true,
      authAttempts: 2,
    },
    {
      name: 'mapped user without roles (403)',
      authMethod: 'client_credentials',
      values: app(ENTRA_APPS.noPermissions),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authorize',
      param: null,
      guidance: true,
    },
    {
      name: 'throttled (429)',
      authMethod: 'client_credentials',
      values: app(ENTRA_APPS.throttled),
      code: 'UPSTREAM_RATE_LIMITED',
      step: 'authenticate',
      param: null,
      authAttempts: 2,
    },
  ],
});
