import { EMAINT_PASSWORD, startEmaintSimulator } from '@flange/simulators';
import { runConnectorContract } from '../../testing';
import { emaint } from './definition';

const login =
  (user_id: string, password = EMAINT_PASSWORD) =>
  (url: string) => ({ instance_url: url, user_id, password });

runConnectorContract({
  systemId: 'emaint',
  definitions: [emaint],
  async start() {
    const sim = await startEmaintSimulator({ credentialSlowMs: 60_000 });
    return {
      url: sim.url,
      authAttempts: () => sim.state.authAttempts,
      reset: () => sim.state.reset(),
      close: () => sim.close(),
    };
  },
  good: [
    {
      authMethod: 'password',
      values: login('flange_api'),
      user: 'flange_api',
      entities: ['work_orders', 'assets', 'inventory'],
    },
  ],
  failures: [
    {
      name: 'wrong password (401)',
      authMethod: 'password',
      values: login('flange_api', 'wrong-password'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'password',
      guidance: true,
    },
    {
      name: 'locked user (401)',
      authMethod: 'password',
      values: login('locked_user'),
      code: 'ACCOUNT_LOCKED',
      step: 'authenticate',
      param: 'user_id',
      guidance: true,
    },
    {
      name: 'user without API access (403)',
      authMethod: 'password',
      values: login('no_api_user'),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authenticate',
      param: 'user_id',
      guidance: true,
    },
  ],
});
