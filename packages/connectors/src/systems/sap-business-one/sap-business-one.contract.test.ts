import { startBusinessOneSimulator } from '@flange/simulators';
import type { BusinessOneSimulator } from '@flange/simulators';
import { describe, expect, it } from 'vitest';
import { createConnectors } from '../../connectors';
import { contractPolicy, runConnectorContract } from '../../testing';

const values =
  (username: string, password = 'pass_good', company_db = 'SBODEMOUS') =>
  (url: string) => ({ instance_url: url, company_db, username, password });

let tlsSim: BusinessOneSimulator;
runConnectorContract({
  systemId: 'sap-business-one',
  async start() {
    // The contract runs over http; a second, default (https, self-signed) instance serves the TLS scenario.
    const sim = await startBusinessOneSimulator({ tls: false });
    tlsSim = await startBusinessOneSimulator();
    return {
      url: sim.url,
      authAttempts: () =>
        sim.hits((r) => r.path === '/b1s/v1/Login') + tlsSim.hits((r) => r.path === '/b1s/v1/Login'),
      logouts: () => sim.logouts,
      openSessions: () => sim.sessions.size,
      reset: () => {
        sim.reset();
        tlsSim.reset();
      },
      close: async () => {
        await sim.close();
        await tlsSim.close();
      },
    };
  },
  good: [
    {
      authMethod: 'service_layer',
      values: values('manager'),
      user: 'manager',
      entities: ['purchase_orders', 'items', 'production_orders'],
    },
  ],
  failures: [
    {
      name: 'wrong password (-304)',
      authMethod: 'service_layer',
      values: values('manager', 'wrong-password'),
      code: 'LOGIN_FAILED',
      step: 'authenticate',
      param: 'password',
      upstreamCode: '-304',
      guidance: true,
      possibleCauses: true,
    },
    {
      name: 'wrong company database (-304)',
      authMethod: 'service_layer',
      values: values('manager', 'pass_good', 'SBODEMOXX'),
      code: 'LOGIN_FAILED',
      step: 'authenticate',
      param: 'password',
      upstreamCode: '-304',
      possibleCauses: true,
    },
    {
      name: 'locked user',
      authMethod: 'service_layer',
      values: values('user_locked'),
      code: 'ACCOUNT_LOCKED',
      step: 'authenticate',
      param: 'username',
      guidance: true,
    },
    {
      name: 'no licence',
      authMethod: 'service_layer',
      values: values('user_nolicense'),
      code: 'LICENSE_LIMIT',
      step: 'authenticate',
      param: 'username',
      guidance: true,
    },
    {
      name: 'not permitted to read purchase orders (logout still runs)',
      authMethod: 'service_layer',
      values: values('user_noauth'),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authorize',
      param: null,
      guidance: true,
    },
    {
      name: 'self-signed certificate of a fresh installation',
      authMethod: 'service_layer',
      values: () => ({
        instance_url: tlsSim.url,
        company_db: 'SBODEMOUS',
        username: 'manager',
        password: 'pass_good',
      }),
      code: 'TLS_UNTRUSTED',
      step: 'tls',
      param: 'instance_url',
      authAttempts: 0,
    },
  ],
});

describe('sap-business-one over its self-signed certificate', () => {
  it('signs in once the user trusts exactly that certificate, and logs out', async () => {
    const sim = await startBusinessOneSimulator();
    try {
      const connectors = createConnectors({ policy: contractPolicy() });
      const good = {
        instance_url: sim.url,
        company_db: 'SBODEMOUS',
        username: 'manager',
        password: 'pass_good',
      };
      const first = await connectors.validate(
        { systemId: 'sap-business-one', authMethod: 'service_layer', values: good },
        () => undefined,
      );
      expect(first.ok ? null : [first.error.code, first.error.certificate?.sha256]).toEqual([
        'TLS_UNTRUSTED',
        sim.certificate!.sha256,
      ]);
      const second = await connectors.validate(
        {
          systemId: 'sap-business-one',
          authMethod: 'service_layer',
          values: good,
          trustedCertificateSha256: sim.certificate!.sha256,
        },
        () => undefined,
      );
      expect(second.ok ? second.pinnedCertificateSha256 : second.error.code).toBe(sim.certificate!.sha256);
      expect(sim.logouts).toBe(1);
      expect(sim.sessions.size).toBe(0);
    } finally {
      await sim.close();
    }
  });
});
