import { startEpicorSimulator, startIfsSimulator } from '@flange/simulators';
import { describe, expect, it } from 'vitest';
import { createConnectors } from '../../connectors';
import { contractPolicy, runConnectorContract } from '../../testing';

const c =
  (client_id: string, client_secret = 'secret_good', namespace = 'acmeprod') =>
  (url: string) => ({ instance_url: url, namespace, client_id, client_secret });

runConnectorContract({
  systemId: 'ifs-cloud',
  async start() {
    const sim = await startIfsSimulator();
    return {
      url: sim.url,
      authAttempts: () =>
        sim.hits((r) => r.path.endsWith('/openid-connect/token') || r.headers.authorization !== undefined),
      reset: () => sim.clearLog(),
      close: () => sim.close(),
    };
  },
  good: [
    {
      authMethod: 'client_credentials',
      values: c('flange_svc'),
      user: 'service-account-flange_svc',
      entities: ['purchase_orders', 'inventory_parts', 'work_orders'],
    },
  ],
  failures: [
    {
      name: 'wrong client secret (Keycloak unauthorized_client)',
      authMethod: 'client_credentials',
      values: c('flange_svc', 'wrong-secret'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'client_secret',
      upstreamCode: 'unauthorized_client',
      guidance: true,
    },
    {
      name: 'unknown client (invalid_client)',
      authMethod: 'client_credentials',
      values: c('nobody'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'client_secret',
      upstreamCode: 'invalid_client',
    },
    {
      name: 'service accounts not enabled',
      authMethod: 'client_credentials',
      values: c('flange_nosa'),
      code: 'FEATURE_DISABLED',
      step: 'authenticate',
      param: 'client_id',
      guidance: true,
    },
    {
      name: 'unknown namespace (Realm does not exist)',
      authMethod: 'client_credentials',
      values: c('flange_svc', 'secret_good', 'nope'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'namespace',
    },
    {
      name: 'service account not an IFS user',
      authMethod: 'client_credentials',
      values: c('flange_unmapped'),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authorize',
      param: null,
      guidance: true,
    },
    {
      name: 'no permission sets',
      authMethod: 'client_credentials',
      values: c('flange_noperm'),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authorize',
      param: null,
      guidance: true,
    },
  ],
});

describe('ifs-cloud fingerprint', () => {
  it('says WRONG_PRODUCT when no Keycloak realm answers, before any secret is sent', async () => {
    const other = await startEpicorSimulator();
    try {
      const connectors = createConnectors({ policy: contractPolicy() });
      const out = await connectors.validate(
        { systemId: 'ifs-cloud', authMethod: 'client_credentials', values: c('flange_svc')(other.url) },
        () => undefined,
      );
      expect(out.ok ? null : [out.error.code, out.error.step]).toEqual(['WRONG_PRODUCT', 'fingerprint']);
      expect(other.requests.every((r) => !r.path.endsWith('/token'))).toBe(true);
    } finally {
      await other.close();
    }
  });
});
