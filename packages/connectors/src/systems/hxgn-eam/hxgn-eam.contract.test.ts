import { startHxgnEamSimulator } from '@flange/simulators';
import { runConnectorContract } from '../../testing';

const user =
  (username: string, password = 'pass_good', tenant = 'ACME_PRD', organization = 'PLANT1') =>
  (url: string) => ({ instance_url: url, tenant, organization, username, password });
const key = (api_key: string) => (url: string) => ({
  instance_url: url,
  tenant: 'ACME_PRD',
  organization: 'PLANT1',
  api_key,
});

runConnectorContract({
  systemId: 'hxgn-eam',
  async start() {
    const sim = await startHxgnEamSimulator();
    return {
      url: sim.url,
      authAttempts: () =>
        sim.hits((r) => r.headers.authorization !== undefined || r.headers['x-api-key'] !== undefined),
      reset: () => sim.clearLog(),
      close: () => sim.close(),
    };
  },
  good: [
    {
      authMethod: 'basic',
      values: user('USER_GOOD'),
      user: 'USER_GOOD',
      entities: ['work_orders', 'assets', 'purchase_orders', 'parts'],
    },
    {
      authMethod: 'api_key',
      values: key('eam-key-good'),
      entities: ['work_orders', 'assets', 'purchase_orders', 'parts'],
    },
    { authMethod: 'api_key', values: key('eam-key-partial'), entities: ['work_orders', 'assets'] },
  ],
  failures: [
    {
      name: 'wrong password',
      authMethod: 'basic',
      values: user('USER_GOOD', 'wrong-password'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'password',
      upstreamCode: 'InvalidCredentials',
    },
    {
      name: 'locked user',
      authMethod: 'basic',
      values: user('USER_LOCKED'),
      code: 'ACCOUNT_LOCKED',
      step: 'authenticate',
      param: 'username',
      upstreamCode: 'AccountLocked',
    },
    {
      name: 'expired password',
      authMethod: 'basic',
      values: user('USER_EXPIRED'),
      code: 'PASSWORD_EXPIRED',
      step: 'authenticate',
      param: 'password',
    },
    {
      name: 'wrong tenant',
      authMethod: 'basic',
      values: user('USER_GOOD', 'pass_good', 'ACME_XXX'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'tenant',
    },
    {
      name: 'wrong organization',
      authMethod: 'basic',
      values: user('USER_GOOD', 'pass_good', 'ACME_PRD', 'NOPE'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'organization',
    },
    {
      name: 'no access to work orders',
      authMethod: 'basic',
      values: user('USER_NOAUTH'),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authenticate',
      param: null,
      guidance: true,
    },
    {
      name: 'expired API key',
      authMethod: 'api_key',
      values: key('eam-key-expired'),
      code: 'KEY_EXPIRED',
      step: 'authenticate',
      param: 'api_key',
    },
    {
      name: 'unknown API key',
      authMethod: 'api_key',
      values: key('not-a-real-key'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'api_key',
    },
  ],
});
