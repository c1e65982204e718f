import { startMaximoSimulator } from '@flange/simulators';
import { runConnectorContract } from '../../testing';

const key = (api_key: string) => (url: string) => ({ instance_url: url, api_key });
const user = (username: string, password: string) => (url: string) => ({
  instance_url: url,
  username,
  password,
});

runConnectorContract({
  systemId: 'ibm-maximo',
  async start() {
    const sim = await startMaximoSimulator({ credentialSlowMs: 60_000 });
    return {
      url: sim.url,
      authAttempts: () => sim.state.authAttempts,
      logouts: () => sim.state.logouts,
      openSessions: () => sim.state.openSessions,
      reset: () => sim.state.reset(),
      close: () => sim.close(),
    };
  },
  good: [
    {
      authMethod: 'api_key',
      values: key('maximo-good-key'),
      user: 'mxintadm',
      entities: ['work_orders', 'assets', 'locations', 'inventory'],
    },
    {
      authMethod: 'maxauth',
      values: user('maxadmin', 'pass_good'),
      user: 'maxadmin',
      entities: ['work_orders', 'assets'],
    },
  ],
  failures: [
    {
      name: 'expired key (BMXAA9549E, HTTP 400)',
      authMethod: 'api_key',
      values: key('maximo-expired-key'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'api_key',
      upstreamCode: 'BMXAA9549E',
      guidance: true,
      possibleCauses: true,
    },
    {
      name: 'unknown key (BMXAA9549E)',
      authMethod: 'api_key',
      values: key('not-a-key-at-all'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'api_key',
      upstreamCode: 'BMXAA9549E',
      guidance: true,
    },
    {
      name: 'no read access to assets (BMXAA9301E)',
      authMethod: 'api_key',
      values: key('maximo-noperm-key'),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authorize',
      param: null,
      upstreamCode: 'BMXAA9301E',
      guidance: true,
    },
    {
      name: 'client IP blocked (BMXAA7878E)',
      authMethod: 'api_key',
      values: key('maximo-blocked-key'),
      code: 'IP_BLOCKED',
      step: 'authenticate',
      param: null,
      upstreamCode: 'BMXAA7878E',
      guidance: true,
    },
    {
      name: 'wrong password (BMXAA7901E)',
      authMethod: 'maxauth',
      values: user('maxadmin', 'wrong-password'),
      code: 'LOGIN_FAILED',
      step: 'authenticate',
      param: 'password',
      upstreamCode: 'BMXAA7901E',
      guidance: true,
      possibleCauses: true,
    },
    {
      name: 'locked user (BMXAA7901E, indistinguishable by design)',
      authMethod: 'maxauth',
      values: user('locked', 'whatever-it-is'),
      code: 'LOGIN_FAILED',
      step: 'authenticate',
      param: 'password',
      upstreamCode: 'BMXAA7901E',
      possibleCauses: true,
    },
    {
      name: 'expired password (BMXAA7901E)',
      authMethod: 'maxauth',
      values: user('expired', 'whatever-it-is'),
      code: 'LOGIN_FAILED',
      step: 'authenticate',
      param: 'password',
      upstreamCode: 'BMXAA7901E',
      possibleCauses: true,
    },
    {
      name: 'session user without asset access (logout still runs)',
      authMethod: 'maxauth',
      values: user('noperm', 'pass_good'),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authorize',
      param: null,
      upstreamCode: 'BMXAA9301E',
    },
    {
      name: 'blocked address on a native login (BMXAA7878E)',
      authMethod: 'maxauth',
      values: user('blocked', 'whatever-it-is'),
      code: 'IP_BLOCKED',
      step: 'authenticate',
      param: null,
      upstreamCode: 'BMXAA7878E',
    },
  ],
});
