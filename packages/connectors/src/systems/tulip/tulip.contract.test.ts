import { startTulipSimulator } from '@flange/simulators';
import { runConnectorContract } from '../../testing';
import { tulip } from './definition';

const token =
  (api_key: string, api_secret = 'tulip-secret-good') =>
  (url: string) => ({ instance_url: url, api_key, api_secret });

runConnectorContract({
  systemId: 'tulip',
  definitions: [tulip],
  async start() {
    const sim = await startTulipSimulator({ credentialSlowMs: 60_000 });
    return {
      url: sim.url,
      authAttempts: () => sim.state.requests,
      reset: () => sim.state.reset(),
      close: () => sim.close(),
    };
  },
  good: [
    {
      authMethod: 'api_token',
      values: token('apikey.2_FLANGEgoodKEY'),
      user: 'apikey.2_FLANGEgoodKEY',
      entities: ['tables', 'stations'],
    },
    {
      authMethod: 'api_token',
      values: token('apikey.2_TABLESonlyKEY'),
      user: 'apikey.2_TABLESonlyKEY',
      entities: ['tables'],
    },
  ],
  failures: [
    {
      name: 'wrong secret (401)',
      authMethod: 'api_token',
      values: token('apikey.2_FLANGEgoodKEY', 'wrong-secret'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'api_secret',
      guidance: true,
      possibleCauses: true,
    },
    {
      name: 'token without tables:read (403 naming the scope)',
      authMethod: 'api_token',
      values: token('apikey.2_NOscopesKEY00'),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authenticate',
      param: null,
      upstreamCode: 'tables:read',
      guidance: true,
    },
    {
      name: 'rate limited (429)',
      authMethod: 'api_token',
      values: token('apikey.2_THROTTLEDkey0'),
      code: 'UPSTREAM_RATE_LIMITED',
      step: 'authenticate',
      param: null,
    },
  ],
});
