import type { StepEvent } from '@flange/protocol';
import { startAcumaticaSimulator, ACUMATICA_PASSWORD } from '@flange/simulators';
import type { AcumaticaSimulator } from '@flange/simulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectors } from '../../connectors';
import { contractPolicy } from '../../testing';
import { acumatica } from './definition';

let sim: AcumaticaSimulator;
beforeAll(async () => {
  sim = await startAcumaticaSimulator({ basePath: '/AcumaticaERP', maxApiSessions: 1 });
});
afterAll(() => sim.close());

const connectors = () => createConnectors({ policy: contractPolicy(), definitions: [acumatica] });

describe('Acumatica connector', () => {
  it('logs out every time, so a one-seat licence serves repeated checks', async () => {
    const c = connectors();
    for (let i = 0; i < 2; i++) {
      const out = await c.validate(
        {
          systemId: 'acumatica',
          authMethod: 'password',
          values: {
            instance_url: `${sim.url}/AcumaticaERP`,
            username: 'api_good',
            password: ACUMATICA_PASSWORD,
            tenant: 'Company',
          },
        },
        () => undefined,
      );
      expect(out.ok).toBe(true);
    }
    expect(sim.state.logins).toBe(2);
    expect(sim.state.logouts).toBe(2);
    expect(sim.state.openSessions).toBe(0);
  });

  it('finds the site root in a pasted browser address and reports the build from the sign-in page', async () => {
    const events: StepEvent[] = [];
    const out = await connectors().validate(
      {
        systemId: 'acumatica',
        authMethod: 'password',
        values: {
          instance_url: `${sim.url}/AcumaticaERP/Main?ScreenId=00000000`,
          username: 'api_good',
          password: ACUMATICA_PASSWORD,
          tenant: 'Company',
        },
      },
      (e) => events.push(e),
    );
    if (!out.ok) throw new Error(JSON.stringify(out.error));
    expect(events.find((e) => e.step === 'fingerprint' && e.status === 'succeeded')?.detail).toBe(
      'Acumatica 24.108.0012',
    );
    expect(out.instanceUrl).toBe(`${sim.url}/AcumaticaERP`);
    expect(out.product).toEqual({ name: 'Acumatica', version: '24.108.0012' });
    expect(out.account).toEqual({ user: 'api_good', tenant: 'Company' });
  });

  it('says WRONG_PRODUCT for an address without Acumatica', async () => {
    const out = await connectors().validate(
      {
        systemId: 'acumatica',
        authMethod: 'password',
        values: { instance_url: `${sim.url}/Elsewhere`, username: 'api_good', password: ACUMATICA_PASSWORD },
      },
      () => undefined,
    );
    expect(out.ok ? null : [out.error.code, out.error.step]).toEqual(['WRONG_PRODUCT', 'fingerprint']);
  });
});
