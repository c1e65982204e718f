import { samsaraHostOverrides, startSamsaraSimulator } from '@flange/simulators';
import { runConnectorContract } from '../../testing';
import { samsara } from './definition';

const token =
  (api_token: string, region = 'api.samsara.com') =>
  () => ({ region, api_token });

const overrides: Record<string, string> = {};

runConnectorContract({
  systemId: 'samsara',
  definitions: [samsara],
  async start() {
    const sim = await startSamsaraSimulator({ credentialSlowMs: 60_000 });
    Object.assign(overrides, samsaraHostOverrides(sim.url));
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
      authMethod: 'api_token',
      values: token('samsara_api_GOODtoken0000000000000000'),
      entities: ['assets', 'equipment'],
    },
    {
      authMethod: 'api_token',
      values: token('samsara_api_EUgoodtoken00000000000000', 'api.eu.samsara.com'),
      entities: ['assets'],
    },
  ],
  failures: [
    {
      name: 'unknown or revoked token (401)',
      authMethod: 'api_token',
      values: token('samsara_api_REVOKED00000000000000000'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'api_token',
      guidance: true,
      possibleCauses: true,
    },
    {
      name: 'EU token on the US cloud (401)',
      authMethod: 'api_token',
      values: token('samsara_api_EUgoodtoken00000000000000'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'api_token',
    },
    {
      name: 'token without the Read Vehicles scope (403)',
      authMethod: 'api_token',
      values: token('samsara_api_NOVEHICLES000000000000000'),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authorize',
      param: null,
      guidance: true,
    },
    {
      name: 'rate limited (429)',
      authMethod: 'api_token',
      values: token('samsara_api_THROTTLED0000000000000000'),
      code: 'UPSTREAM_RATE_LIMITED',
      step: 'authenticate',
      param: null,
    },
  ],
});
