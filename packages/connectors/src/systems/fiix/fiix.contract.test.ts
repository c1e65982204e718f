import { FIIX_ACCESS_KEYS, FIIX_APP_KEY, FIIX_SECRET_KEY, startFiixSimulator } from '@flange/simulators';
import { runConnectorContract } from '../../testing';
import { fiix } from './definition';

const keys =
  (o: { access_key?: string; app_key?: string; secret_key?: string } = {}) =>
  (url: string) => ({
    instance_url: url,
    app_key: o.app_key ?? FIIX_APP_KEY,
    access_key: o.access_key ?? FIIX_ACCESS_KEYS.good,
    secret_key: o.secret_key ?? FIIX_SECRET_KEY,
  });

runConnectorContract({
  systemId: 'fiix',
  definitions: [fiix],
  async start() {
    const sim = await startFiixSimulator({ credentialSlowMs: 60_000 });
    return {
      url: sim.url,
      authAttempts: () => sim.state.requests,
      reset: () => sim.state.reset(),
      close: () => sim.close(),
    };
  },
  good: [
    {
      authMethod: 'api_keys',
      values: keys(),
      entities: ['work_orders', 'assets', 'purchase_orders', 'inventory'],
    },
  ],
  failures: [
    {
      name: 'wrong secret key (signature mismatch)',
      authMethod: 'api_keys',
      values: keys({ secret_key: 'macmmsaskp0000000000000000wrong' }),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'secret_key',
      upstreamCode: '4012',
      guidance: true,
    },
    {
      name: 'unknown application key',
      authMethod: 'api_keys',
      values: keys({ app_key: 'macmmsackp0000000000000000000000' }),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'app_key',
      guidance: true,
    },
    {
      name: 'revoked access key',
      authMethod: 'api_keys',
      values: keys({ access_key: FIIX_ACCESS_KEYS.revoked }),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'access_key',
      guidance: true,
      possibleCauses: true,
    },
    {
      name: 'clock skew (request timestamp outside the window)',
      authMethod: 'api_keys',
      values: keys({ access_key: FIIX_ACCESS_KEYS.clockSkew }),
      code: 'CLOCK_SKEW',
      step: 'authenticate',
      param: null,
      guidance: true,
    },
    {
      name: 'no permission on purchase orders',
      authMethod: 'api_keys',
      values: keys({ access_key: FIIX_ACCESS_KEYS.noPermission }),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authorize',
      param: null,
      guidance: true,
    },
    {
      name: 'throttled (code 1100)',
      authMethod: 'api_keys',
      values: keys({ access_key: FIIX_ACCESS_KEYS.throttled }),
      code: 'UPSTREAM_RATE_LIMITED',
      step: 'authenticate',
      param: null,
      upstreamCode: '1100',
    },
  ],
});
