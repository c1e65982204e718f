import { startS4HanaCloudSimulator } from '@flange/simulators';
import type { Simulator } from '@flange/simulators';
import { runConnectorContract } from '../../testing';

const XSUAA_HOST = 'flange-sandbox.authentication.eu10.hana.ondemand.com';
const comm =
  (username: string, password = 'pass_good') =>
  (url: string) => ({ instance_url: url, username, password });
const xsuaa =
  (client_id: string, client_secret = 'xsuaa_secret_good') =>
  (url: string) => ({
    instance_url: url,
    subdomain: 'flange-sandbox',
    region: 'eu10',
    client_id,
    client_secret,
  });

let sim: Simulator;
runConnectorContract({
  systemId: 'sap-s4hana-cloud',
  async start() {
    sim = await startS4HanaCloudSimulator();
    return {
      url: sim.url,
      authAttempts: () => sim.hits((r) => r.headers.authorization !== undefined),
      reset: () => sim.clearLog(),
      close: () => sim.close(),
    };
  },
  policy: {
    hostOverrides: {
      get [XSUAA_HOST]() {
        return sim.url;
      },
    },
  },
  good: [
    {
      authMethod: 'communication_user',
      values: comm('user_good'),
      user: 'user_good',
      entities: ['purchase_orders', 'products', 'maintenance_orders', 'equipment'],
    },
    {
      authMethod: 'xsuaa',
      values: xsuaa('sb-flange!b4711'),
      user: 'sb-flange!b4711',
      entities: ['purchase_orders', 'products'],
    },
  ],
  failures: [
    {
      name: 'wrong password (bare 401)',
      authMethod: 'communication_user',
      values: comm('user_good', 'wrong-password'),
      code: 'LOGIN_FAILED',
      step: 'authenticate',
      param: 'password',
      guidance: true,
      possibleCauses: true,
    },
    {
      name: 'locked communication user (same bare 401)',
      authMethod: 'communication_user',
      values: comm('user_locked'),
      code: 'LOGIN_FAILED',
      step: 'authenticate',
      param: 'password',
      possibleCauses: true,
    },
    {
      name: 'no communication arrangement',
      authMethod: 'communication_user',
      values: comm('user_noauth'),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authenticate',
      param: null,
      upstreamCode: '/IWFND/CM_CONSUMER/101',
      guidance: true,
    },
    {
      name: 'XSUAA wrong client secret (Bad credentials)',
      authMethod: 'xsuaa',
      values: xsuaa('sb-flange!b4711', 'wrong-secret'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'client_secret',
      upstreamCode: 'unauthorized',
      guidance: true,
      possibleCauses: true,
    },
    {
      name: 'XSUAA client without roles',
      authMethod: 'xsuaa',
      values: xsuaa('sb-flange-noroles!b4711'),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authenticate',
      param: null,
      upstreamCode: '/IWFND/CM_CONSUMER/101',
      authAttempts: 2,
    },
  ],
});
