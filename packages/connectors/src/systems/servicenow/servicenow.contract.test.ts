import { SERVICENOW_PASSWORD, startServiceNowSimulator } from '@flange/simulators';
import { runConnectorContract } from '../../testing';
import { servicenow } from './definition';

const login =
  (username: string, password = SERVICENOW_PASSWORD) =>
  (url: string) => ({ instance_url: url, username, password });

runConnectorContract({
  systemId: 'servicenow',
  definitions: [servicenow],
  async start() {
    const sim = await startServiceNowSimulator({ credentialSlowMs: 60_000 });
    return {
      url: sim.url,
      authAttempts: () => sim.state.authAttempts,
      reset: () => sim.state.reset(),
      close: () => sim.close(),
    };
  },
  good: [
    {
      authMethod: 'basic',
      values: login('flange.integration'),
      user: 'flange.integration',
      entities: ['assets', 'work_orders', 'purchase_orders'],
    },
  ],
  failures: [
    {
      name: 'wrong password (401 User Not Authenticated)',
      authMethod: 'basic',
      values: login('flange.integration', 'wrong-password'),
      code: 'LOGIN_FAILED',
      step: 'authenticate',
      param: 'password',
      guidance: true,
      possibleCauses: true,
    },
    {
      name: 'locked-out user (same 401)',
      authMethod: 'basic',
      values: login('locked.out'),
      code: 'LOGIN_FAILED',
      step: 'authenticate',
      param: 'password',
      possibleCauses: true,
    },
    {
      name: 'missing role snc_platform_rest_api_access (403)',
      authMethod: 'basic',
      values: login('no.rest.role'),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authenticate',
      param: 'username',
      guidance: true,
    },
    {
      name: 'table ACL on alm_asset (403)',
      authMethod: 'basic',
      values: login('no.asset.role'),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authorize',
      param: null,
      guidance: true,
    },
    {
      name: 'rate limited (429)',
      authMethod: 'basic',
      values: login('throttled'),
      code: 'UPSTREAM_RATE_LIMITED',
      step: 'authenticate',
      param: null,
    },
  ],
});
