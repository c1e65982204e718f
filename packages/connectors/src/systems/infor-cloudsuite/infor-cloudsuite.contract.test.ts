import { ION_TENANT, sandboxIonapi, startInforSimulator } from '@flange/simulators';
import type { InforSimulator } from '@flange/simulators';
import { runConnectorContract } from '../../testing';

const hostOverrides: Record<string, string> = {};
const file =
  (overrides: Record<string, string> = {}) =>
  () => ({ ionapi_file: JSON.stringify({ ...sandboxIonapi(), ...overrides }) });

let sim: InforSimulator;
runConnectorContract({
  systemId: 'infor-cloudsuite',
  async start() {
    sim = await startInforSimulator();
    hostOverrides['mingle-sso.inforcloudsuite.com'] = sim.url;
    hostOverrides['mingle-ionapi.inforcloudsuite.com'] = sim.url;
    return {
      url: sim.url,
      authAttempts: () =>
        sim.hits((r) => r.path.endsWith('/as/token.oauth2') || r.headers.authorization !== undefined),
      reset: () => sim.reset(),
      close: () => sim.close(),
    };
  },
  policy: { hostOverrides },
  good: [{ authMethod: 'ionapi', values: file(), user: 'FLANGE_SVC', entities: ['items', 'suppliers'] }],
  failures: [
    {
      name: 'wrong client secret (invalid_client)',
      authMethod: 'ionapi',
      values: file({ cs: 'wrong-client-secret' }),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'ionapi_file',
      upstreamCode: 'invalid_client',
      guidance: true,
    },
    {
      name: 'revoked service-account keys (invalid_grant)',
      authMethod: 'ionapi',
      values: file({ sask: 'wrong-sask' }),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'ionapi_file',
      upstreamCode: 'invalid_grant',
      guidance: true,
    },
    {
      name: 'disabled service account',
      authMethod: 'ionapi',
      values: file({ saak: `${ION_TENANT}#svc_disabled` }),
      code: 'ACCOUNT_LOCKED',
      step: 'authenticate',
      param: 'ionapi_file',
    },
    {
      name: 'no M3 authority (failure inside HTTP 200)',
      authMethod: 'ionapi',
      values: file({ saak: `${ION_TENANT}#svc_noauth` }),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authorize',
      param: null,
      upstreamCode: 'XAU0001',
      guidance: true,
    },
    {
      name: 'not an .ionapi file',
      authMethod: 'ionapi',
      values: () => ({ ionapi_file: 'this is not json' }),
      code: 'INVALID_REQUEST',
      step: 'resolve',
      param: 'ionapi_file',
      authAttempts: 0,
    },
    {
      name: 'file without service-account keys',
      authMethod: 'ionapi',
      values: () => ({ ionapi_file: JSON.stringify({ ...sandboxIonapi(), saak: '', sask: '' }) }),
      code: 'INVALID_REQUEST',
      step: 'resolve',
      param: 'ionapi_file',
      authAttempts: 0,
    },
    {
      name: 'file pointing at plain http',
      authMethod: 'ionapi',
      values: file({ pu: 'http://mingle-sso.inforcloudsuite.com/ACME_TST/as/' }),
      code: 'INVALID_REQUEST',
      step: 'resolve',
      param: 'ionapi_file',
      authAttempts: 0,
    },
  ],
});
