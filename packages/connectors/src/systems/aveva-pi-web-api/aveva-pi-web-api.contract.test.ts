import { PI_PASSWORD, startPiWebApiSimulator } from '@flange/simulators';
import { runConnectorContract } from '../../testing';
import { aveva } from './definition';

const login =
  (username: string, password = PI_PASSWORD) =>
  (url: string) => ({ instance_url: `${url}/piwebapi`, username, password });

runConnectorContract({
  systemId: 'aveva-pi-web-api',
  definitions: [aveva],
  async start() {
    const sim = await startPiWebApiSimulator({ credentialSlowMs: 60_000 });
    return {
      url: sim.url,
      authAttempts: () => sim.state.authAttempts,
      reset: () => sim.state.reset(),
      close: () => sim.close(),
    };
  },
  good: [
    {
      authMethod: 'basic',
      values: login('CORP\\svc_flange'),
      user: 'CORP\\svc_flange',
      entities: ['data_servers', 'asset_servers'],
    },
  ],
  failures: [
    {
      name: 'wrong password or locked Windows account (401)',
      authMethod: 'basic',
      values: login('CORP\\svc_flange', 'wrong-password'),
      code: 'LOGIN_FAILED',
      step: 'authenticate',
      param: 'password',
      guidance: true,
      possibleCauses: true,
    },
    {
      name: 'no PI mapping (403 on data servers)',
      authMethod: 'basic',
      values: login('CORP\\svc_nomap'),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authorize',
      param: null,
      guidance: true,
    },
  ],
});
