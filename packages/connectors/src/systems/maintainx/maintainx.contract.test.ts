import { maintainxHostOverrides, startMaintainXSimulator } from '@flange/simulators';
import { runConnectorContract } from '../../testing';
import { maintainx } from './definition';

const key = (api_key: string, organization_id?: string) => () => ({
  api_key,
  ...(organization_id !== undefined ? { organization_id } : {}),
});

const overrides: Record<string, string> = {};

runConnectorContract({
  systemId: 'maintainx',
  definitions: [maintainx],
  async start() {
    const sim = await startMaintainXSimulator({ credentialSlowMs: 60_000 });
    Object.assign(overrides, maintainxHostOverrides(sim.url));
    return {
      url: sim.url,
      authAttempts: () => sim.state.requests,
      reset: () => sim.state.reset(),
      close: () => sim.close(),
    };
  },
  policy: { hostOverrides: overrides },
  good: [
    {
      authMethod: 'api_key',
      values: key('mx_good_key'),
      entities: ['work_orders', 'assets', 'inventory', 'purchase_orders'],
    },
    { authMethod: 'api_key', values: key('mx_multi_org_key', '51877'), entities: ['work_orders', 'assets'] },
  ],
  failures: [
    {
      name: 'unknown or deleted key (401)',
      authMethod: 'api_key',
      values: key('mx_deleted_key'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'api_key',
      guidance: true,
      possibleCauses: true,
    },
    {
      name: 'multi-organization key without an organization (400)',
      authMethod: 'api_key',
      values: key('mx_multi_org_key'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'organization_id',
      guidance: true,
    },
    {
      name: 'organization the key does not serve (403)',
      authMethod: 'api_key',
      values: key('mx_multi_org_key', '99999'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'organization_id',
    },
    {
      name: 'plan without API access (403)',
      authMethod: 'api_key',
      values: key('mx_no_api_plan_key'),
      code: 'FEATURE_DISABLED',
      step: 'authenticate',
      param: null,
      guidance: true,
    },
    {
      name: 'rate limited (429)',
      authMethod: 'api_key',
      values: key('mx_throttled_key'),
      code: 'UPSTREAM_RATE_LIMITED',
      step: 'authenticate',
      param: null,
    },
  ],
});
