import { startFusionSimulator, startS4HanaOnPremSimulator } from '@flange/simulators';
import { describe, expect, it } from 'vitest';
import { createConnectors } from '../../connectors';
import { contractPolicy, runConnectorContract } from '../../testing';

const user =
  (username: string, password = 'pass_good', sap_client = '100') =>
  (url: string) => ({ instance_url: url, sap_client, username, password });

runConnectorContract({
  systemId: 'sap-s4hana-onprem',
  async start() {
    const sim = await startS4HanaOnPremSimulator();
    return {
      url: sim.url,
      authAttempts: () => sim.hits((r) => r.headers.authorization !== undefined),
      reset: () => sim.reset(),
      close: () => sim.close(),
    };
  },
  good: [
    {
      authMethod: 'basic',
      values: user('USER_GOOD'),
      user: 'USER_GOOD',
      entities: ['purchase_orders', 'products', 'maintenance_orders', 'equipment'],
    },
  ],
  failures: [
    {
      name: 'wrong password (bare 401)',
      authMethod: 'basic',
      values: user('USER_PARTIAL', 'wrong-password'),
      code: 'LOGIN_FAILED',
      step: 'authenticate',
      param: 'password',
      guidance: true,
      possibleCauses: true,
    },
    {
      name: 'locked user (ICF_SYSTEM_LOGIN/065)',
      authMethod: 'basic',
      values: user('USER_LOCKED'),
      code: 'ACCOUNT_LOCKED',
      step: 'authenticate',
      param: 'username',
      upstreamCode: 'ICF_SYSTEM_LOGIN/065',
      guidance: true,
    },
    {
      name: 'expired password (ICF_SYSTEM_LOGIN/016)',
      authMethod: 'basic',
      values: user('USER_EXPIRED'),
      code: 'PASSWORD_EXPIRED',
      step: 'authenticate',
      param: 'password',
      upstreamCode: 'ICF_SYSTEM_LOGIN/016',
      guidance: true,
    },
    {
      name: 'initial password (ICF_SYSTEM_LOGIN/015)',
      authMethod: 'basic',
      values: user('USER_INITIAL'),
      code: 'PASSWORD_EXPIRED',
      step: 'authenticate',
      param: 'password',
      upstreamCode: 'ICF_SYSTEM_LOGIN/015',
      guidance: true,
    },
    {
      name: 'unknown client',
      authMethod: 'basic',
      values: user('USER_GOOD', 'pass_good', '999'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'sap_client',
    },
    {
      name: 'no S_SERVICE for the catalog (/IWFND/CM_CONSUMER/101)',
      authMethod: 'basic',
      values: user('USER_NOAUTH'),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authenticate',
      param: null,
      upstreamCode: '/IWFND/CM_CONSUMER/101',
      guidance: true,
    },
    {
      name: 'no S_SERVICE for products (required entity)',
      authMethod: 'basic',
      values: user('USER_PARTIAL'),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authorize',
      param: null,
      upstreamCode: '/IWFND/CM_CONSUMER/101',
      guidance: true,
    },
  ],
});

describe('sap-s4hana-onprem network and product checks', () => {
  const connectors = (totalTimeoutMs = 15_000) =>
    createConnectors({ policy: contractPolicy({ totalTimeoutMs }) });
  const validate = (c: ReturnType<typeof connectors>, url: string) =>
    c.validate(
      { systemId: 'sap-s4hana-onprem', authMethod: 'basic', values: user('USER_GOOD')(url) },
      () => undefined,
    );

  it('says WRONG_PRODUCT for a server that is not SAP, before sending the password', async () => {
    const other = await startFusionSimulator();
    try {
      const out = await validate(connectors(), other.url);
      expect(out.ok ? null : [out.error.code, out.error.step, out.error.param]).toEqual([
        'WRONG_PRODUCT',
        'fingerprint',
        'instance_url',
      ]);
      expect(other.hits((r) => r.headers.authorization !== undefined)).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('reports a Gateway that does not answer in time as UPSTREAM_TIMEOUT (retryable), and a dead one as INSTANCE_UNREACHABLE', async () => {
    const sim = await startS4HanaOnPremSimulator();
    try {
      sim.setMode('slow', { slowMs: 3_000 });
      const slow = await validate(connectors(800), sim.url);
      expect(slow.ok ? null : [slow.error.code, slow.error.retryable]).toEqual(['UPSTREAM_TIMEOUT', true]);
      sim.setMode('down');
      const down = await validate(connectors(), sim.url);
      expect(down.ok ? null : down.error.code).toBe('INSTANCE_UNREACHABLE');
    } finally {
      await sim.close();
    }
  });
});
