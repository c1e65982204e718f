import {
  ENTRA_APPS,
  ENTRA_SECRET,
  ENTRA_TENANT_ID,
  ENTRA_UNKNOWN_APP,
  startBusinessCentralSimulator,
} from '@flange/simulators';
import type { BusinessCentralSimulator } from '@flange/simulators';
import { runConnectorContract } from '../../testing';

const hostOverrides: Record<string, string> = {};
const app =
  (client_id: string, client_secret = ENTRA_SECRET, extra: Record<string, string> = {}) =>
  () => ({
    tenant_id: ENTRA_TENANT_ID,
    environment: 'production',
    client_id,
    client_secret,
    ...extra,
  });

let sim: BusinessCentralSimulator;
runConnectorContract({
  systemId: 'ms-dynamics-365-business-central',
  async start() {
    sim = await startBusinessCentralSimulator();
    hostOverrides['login.microsoftonline.com'] = sim.url;
    hostOverrides['api.businesscentral.dynamics.com'] = sim.url;
    return {
      url: sim.url,
      // The token request carries the secret; API calls carry the bearer token.
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
      entities: ['items', 'purchase_orders', 'vendors'],
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
      guidance: true,
    },
    {
      name: 'expired client secret (AADSTS7000222)',
      authMethod: 'client_credentials',
      values: app(ENTRA_APPS.secretExpired),
      code: 'KEY_EXPIRED',
      step: 'authenticate',
      param: 'client_secret',
      upstreamCode: 'AADSTS7000222',
      guidance: true,
    },
    {
      name: 'app not in tenant (AADSTS700016)',
      authMethod: 'client_credentials',
      values: app(ENTRA_UNKNOWN_APP),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'client_id',
      upstreamCode: 'AADSTS700016',
    },
    {
      name: 'unknown tenant (AADSTS90002)',
      authMethod: 'client_credentials',
      values: () => ({ ...app(ENTRA_APPS.good)(), tenant_id: '11111111-2222-4333-8444-555555555555' }),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'tenant_id',
      upstreamCode: 'AADSTS90002',
    },
    {
      name: 'blocked by Conditional Access (AADSTS53003)',
      authMethod: 'client_credentials',
      values: app(ENTRA_APPS.conditionalAccess),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authenticate',
      param: null,
      upstreamCode: 'AADSTS53003',
      guidance: true,
    },
    {
      name: 'app not added in Business Central (Authentication_InvalidCredentials)',
      authMethod: 'client_credentials',
      values: app(ENTRA_APPS.notRegisteredInProduct),
      code: 'FEATURE_DISABLED',
      step: 'authenticate',
      param: 'client_id',
      upstreamCode: 'Authentication_InvalidCredentials',
      guidance: true,
      authAttempts: 2,
    },
    {
      name: 'unknown environment',
      authMethod: 'client_credentials',
      values: app(ENTRA_APPS.good, ENTRA_SECRET, { environment: 'nope' }),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'environment',
      authAttempts: 2,
    },
    {
      name: 'no permission sets',
      authMethod: 'client_credentials',
      values: app(ENTRA_APPS.noPermissions),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authorize',
      param: null,
      upstreamCode: 'Authorization_RequestDenied',
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
