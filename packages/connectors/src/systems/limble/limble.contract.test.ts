import { limbleHostOverrides, startLimbleSimulator } from '@flange/simulators';
import { runConnectorContract } from '../../testing';
import { limble } from './definition';

const keys =
  (client_id: string, client_secret: string, region = 'api') =>
  () => ({ region, client_id, client_secret });

const overrides: Record<string, string> = {};

runConnectorContract({
  systemId: 'limble',
  definitions: [limble],
  async start() {
    const sim = await startLimbleSimulator({ credentialSlowMs: 60_000 });
    Object.assign(overrides, limbleHostOverrides(sim.url));
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
      authMethod: 'api_client',
      values: keys('us_client_good', 'us_secret_good'),
      user: 'us_client_good',
      entities: ['work_orders', 'assets', 'inventory'],
    },
    {
      authMethod: 'api_client',
      values: keys('eu_client_good', 'eu_secret_good', 'eu-api'),
      user: 'eu_client_good',
      entities: ['work_orders', 'assets'],
    },
  ],
  failures: [
    {
      name: 'wrong client secret (401)',
      authMethod: 'api_client',
      values: keys('us_client_good', 'wrong-secret'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'client_secret',
      guidance: true,
      possibleCauses: true,
    },
    {
      name: 'European keys on the US region (401)',
      authMethod: 'api_client',
      values: keys('eu_client_good', 'eu_secret_good', 'api'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'client_secret',
      possibleCauses: true,
    },
    {
      name: 'rate limited (429)',
      authMethod: 'api_client',
      values: keys('us_client_throttled', 'us_secret_good'),
      code: 'UPSTREAM_RATE_LIMITED',
      step: 'authenticate',
      param: null,
    },
  ],
});
