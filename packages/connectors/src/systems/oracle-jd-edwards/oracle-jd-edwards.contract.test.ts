import { startJdeSimulator } from '@flange/simulators';
import type { JdeSimulator } from '@flange/simulators';
import { describe, expect, it } from 'vitest';
import { createConnectors } from '../../connectors';
import { contractPolicy, runConnectorContract } from '../../testing';

const user =
  (username: string, password = 'pass_good', environment = 'JDV920') =>
  (url: string) => ({ instance_url: url, username, password, environment });

let sim: JdeSimulator;
runConnectorContract({
  systemId: 'oracle-jd-edwards',
  async start() {
    sim = await startJdeSimulator();
    return {
      url: sim.url,
      authAttempts: () => sim.hits((r) => r.path === '/jderest/v2/tokenrequest'),
      logouts: () => sim.logouts,
      openSessions: () => sim.tokens.size,
      reset: () => sim.reset(),
      close: () => sim.close(),
    };
  },
  good: [
    {
      authMethod: 'ais_token',
      values: user('JDE'),
      user: 'JDE',
      entities: ['work_orders', 'assets', 'purchase_orders', 'items'],
    },
    {
      authMethod: 'ais_token',
      values: user('PLANNER'),
      user: 'PLANNER',
      entities: ['work_orders', 'assets'],
    },
  ],
  failures: [
    {
      name: 'wrong password (Authorization Failure)',
      authMethod: 'ais_token',
      values: user('JDE', 'wrong-password'),
      code: 'LOGIN_FAILED',
      step: 'authenticate',
      param: 'password',
      guidance: true,
      possibleCauses: true,
    },
    {
      name: 'environment not allowed',
      authMethod: 'ais_token',
      values: user('JDE', 'pass_good', 'JDV999'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'environment',
    },
    {
      name: 'no access to F4801 (logout still runs)',
      authMethod: 'ais_token',
      values: user('NOAUTH'),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authorize',
      param: null,
      guidance: true,
    },
  ],
});

describe('oracle-jd-edwards details', () => {
  it('names the AIS version from defaultconfig', async () => {
    const s = await startJdeSimulator();
    try {
      const connectors = createConnectors({ policy: contractPolicy() });
      const out = await connectors.validate(
        { systemId: 'oracle-jd-edwards', authMethod: 'ais_token', values: user('JDE')(s.url) },
        () => undefined,
      );
      expect(out.ok && out.product).toEqual({ name: 'JD Edwards AIS Server', version: '9.2.8.3' });
      expect(s.tokens.size).toBe(0);
    } finally {
      await s.close();
    }
  });

  it('reports an HTML server that refuses this AIS (405) with the allowed-hosts guidance', async () => {
    const s = await startJdeSimulator({ htmlServerMisconfigured: true });
    try {
      const connectors = createConnectors({ policy: contractPolicy() });
      const out = await connectors.validate(
        { systemId: 'oracle-jd-edwards', authMethod: 'ais_token', values: user('JDE')(s.url) },
        () => undefined,
      );
      expect(out.ok ? null : [out.error.code, out.error.step, out.error.guidance?.title]).toEqual([
        'FEATURE_DISABLED',
        'authenticate',
        'Let the HTML server accept the AIS Server',
      ]);
    } finally {
      await s.close();
    }
  });

  it('says WRONG_PRODUCT for a server that is not AIS', async () => {
    const connectors = createConnectors({ policy: contractPolicy() });
    const { startFusionSimulator } = await import('@flange/simulators');
    const other = await startFusionSimulator();
    try {
      const out = await connectors.validate(
        { systemId: 'oracle-jd-edwards', authMethod: 'ais_token', values: user('JDE')(other.url) },
        () => undefined,
      );
      expect(out.ok ? null : [out.error.code, out.error.step]).toEqual(['WRONG_PRODUCT', 'fingerprint']);
      expect(other.hits((r) => r.headers.authorization !== undefined)).toBe(0);
    } finally {
      await other.close();
    }
  });
});
