import { startEpicorSimulator } from '@flange/simulators';
import { runConnectorContract } from '../../testing';

const v =
  (username: string, password = 'pass_good', api_key = 'epicor-key-good', company = 'EPIC06') =>
  (url: string) => ({
    instance_url: `${url}/KineticLive`,
    company,
    username,
    password,
    api_key,
  });

runConnectorContract({
  systemId: 'epicor-kinetic',
  async start() {
    const sim = await startEpicorSimulator();
    return {
      url: sim.url,
      authAttempts: () => sim.hits((r) => r.headers.authorization !== undefined),
      reset: () => sim.clearLog(),
      close: () => sim.close(),
    };
  },
  good: [
    {
      authMethod: 'basic_api_key',
      values: v('manager'),
      user: 'manager',
      entities: ['purchase_orders', 'parts', 'jobs'],
    },
  ],
  failures: [
    {
      name: 'wrong API key with a correct password',
      authMethod: 'basic_api_key',
      values: v('manager', 'pass_good', 'wrong-api-key'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'api_key',
      guidance: true,
    },
    {
      name: 'expired API key',
      authMethod: 'basic_api_key',
      values: v('manager', 'pass_good', 'epicor-key-expired'),
      code: 'KEY_EXPIRED',
      step: 'authenticate',
      param: 'api_key',
      guidance: true,
    },
    {
      name: 'wrong password',
      authMethod: 'basic_api_key',
      values: v('manager', 'wrong-password'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'password',
    },
    {
      name: 'locked user',
      authMethod: 'basic_api_key',
      values: v('user_locked'),
      code: 'ACCOUNT_LOCKED',
      step: 'authenticate',
      param: 'username',
    },
    {
      name: 'expired password',
      authMethod: 'basic_api_key',
      values: v('user_expired'),
      code: 'PASSWORD_EXPIRED',
      step: 'authenticate',
      param: 'password',
    },
    {
      name: 'all licences in use',
      authMethod: 'basic_api_key',
      values: v('user_nolicense'),
      code: 'LICENSE_LIMIT',
      step: 'authenticate',
      param: null,
      guidance: true,
    },
    {
      name: 'company not allowed',
      authMethod: 'basic_api_key',
      values: v('manager', 'pass_good', 'epicor-key-good', 'NOPE'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'company',
    },
    {
      name: 'PO service denied',
      authMethod: 'basic_api_key',
      values: v('user_noauth'),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authorize',
      param: null,
      guidance: true,
    },
  ],
});
