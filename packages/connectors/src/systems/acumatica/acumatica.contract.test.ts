import { ACUMATICA_PASSWORD, startAcumaticaSimulator } from '@flange/simulators';
import { runConnectorContract } from '../../testing';
import { acumatica } from './definition';

const login =
  (username: string, password = ACUMATICA_PASSWORD, extra: Record<string, string> = { tenant: 'Company' }) =>
  (url: string) => ({ instance_url: `${url}/AcumaticaERP`, username, password, ...extra });

runConnectorContract({
  systemId: 'acumatica',
  definitions: [acumatica],
  async start() {
    const sim = await startAcumaticaSimulator({ basePath: '/AcumaticaERP', credentialSlowMs: 60_000 });
    return {
      url: sim.url,
      authAttempts: () => sim.state.authAttempts,
      logouts: () => sim.state.logouts,
      openSessions: () => sim.state.openSessions,
      reset: () => sim.state.reset(),
      close: () => sim.close(),
    };
  },
  good: [
    {
      authMethod: 'password',
      values: login('api_good'),
      user: 'api_good',
      entities: ['inventory_items', 'purchase_orders', 'vendors'],
    },
  ],
  failures: [
    {
      name: 'wrong password (Invalid credentials, HTTP 500)',
      authMethod: 'password',
      values: login('api_good', 'wrong-password'),
      code: 'LOGIN_FAILED',
      step: 'authenticate',
      param: 'password',
      guidance: true,
      possibleCauses: true,
    },
    {
      name: 'unknown tenant (same answer as a wrong password)',
      authMethod: 'password',
      values: login('api_good', ACUMATICA_PASSWORD, { tenant: 'Nowhere' }),
      code: 'LOGIN_FAILED',
      step: 'authenticate',
      param: 'password',
      possibleCauses: true,
    },
    {
      name: 'no tenant on a multi-tenant site',
      authMethod: 'password',
      values: login('api_good', ACUMATICA_PASSWORD, {}),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'tenant',
      guidance: true,
    },
    {
      name: 'locked account',
      authMethod: 'password',
      values: login('api_locked'),
      code: 'ACCOUNT_LOCKED',
      step: 'authenticate',
      param: 'username',
      guidance: true,
    },
    {
      name: 'expired password',
      authMethod: 'password',
      values: login('api_expired'),
      code: 'PASSWORD_EXPIRED',
      step: 'authenticate',
      param: 'password',
      guidance: true,
    },
    {
      name: 'licence limit (API Login Limit)',
      authMethod: 'password',
      values: login('api_limit'),
      code: 'LICENSE_LIMIT',
      step: 'authenticate',
      param: null,
      guidance: true,
    },
    {
      name: 'no rights on purchase orders (403; logout still runs)',
      authMethod: 'password',
      values: login('api_noperm'),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authorize',
      param: null,
      guidance: true,
    },
  ],
});
