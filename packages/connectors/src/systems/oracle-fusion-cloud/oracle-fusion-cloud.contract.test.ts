import { startFusionSimulator } from '@flange/simulators';
import { runConnectorContract } from '../../testing';

const user =
  (username: string, password = 'pass_good') =>
  (url: string) => ({ instance_url: url, username, password });

runConnectorContract({
  systemId: 'oracle-fusion-cloud',
  async start() {
    const sim = await startFusionSimulator();
    return {
      url: sim.url,
      authAttempts: () => sim.hits((r) => r.headers.authorization !== undefined),
      reset: () => sim.clearLog(),
      close: () => sim.close(),
    };
  },
  good: [
    {
      authMethod: 'basic',
      values: user('user.good@acme.com'),
      user: 'user.good@acme.com',
      entities: ['purchase_orders', 'items', 'work_orders'],
    },
  ],
  failures: [
    {
      name: 'wrong password',
      authMethod: 'basic',
      values: user('user.good@acme.com', 'wrong-password'),
      code: 'LOGIN_FAILED',
      step: 'authenticate',
      param: 'password',
      guidance: true,
      possibleCauses: true,
    },
    {
      name: 'locked user (same 401)',
      authMethod: 'basic',
      values: user('user.locked@acme.com'),
      code: 'LOGIN_FAILED',
      step: 'authenticate',
      param: 'password',
      possibleCauses: true,
    },
    {
      name: 'no REST roles',
      authMethod: 'basic',
      values: user('user.noroles@acme.com'),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authenticate',
      param: null,
      guidance: true,
    },
  ],
});
