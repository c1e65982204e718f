import { startUpKeepSimulator, upkeepHostOverrides, UPKEEP_PASSWORD } from '@flange/simulators';
import { runConnectorContract } from '../../testing';
import { upkeep } from './definition';

const login =
  (email: string, password = UPKEEP_PASSWORD) =>
  () => ({ email, password });

let overrides: Record<string, string> = {};

runConnectorContract({
  systemId: 'upkeep',
  definitions: [upkeep],
  async start() {
    const sim = await startUpKeepSimulator({ credentialSlowMs: 60_000 });
    Object.assign(overrides, upkeepHostOverrides(sim.url));
    return {
      url: sim.url,
      authAttempts: () => sim.state.authAttempts,
      logouts: () => sim.state.logouts,
      openSessions: () => sim.state.openSessions,
      reset: () => sim.state.reset(),
      close: () => sim.close(),
    };
  },
  policy: { hostOverrides: overrides },
  good: [
    {
      authMethod: 'password',
      values: login('admin@acme.example'),
      user: 'admin@acme.example',
      entities: ['work_orders', 'assets', 'inventory', 'purchase_orders'],
    },
  ],
  failures: [
    {
      name: 'wrong password (400 Invalid username/password.)',
      authMethod: 'password',
      values: login('admin@acme.example', 'wrong-password'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'password',
      guidance: true,
      possibleCauses: true,
    },
    {
      name: 'requester role (403 on work orders; logout still runs)',
      authMethod: 'password',
      values: login('requester@acme.example'),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authorize',
      param: null,
      guidance: true,
    },
    {
      name: 'rate limited at sign-in (429)',
      authMethod: 'password',
      values: login('throttled@acme.example'),
      code: 'UPSTREAM_RATE_LIMITED',
      step: 'authenticate',
      param: null,
    },
  ],
});
