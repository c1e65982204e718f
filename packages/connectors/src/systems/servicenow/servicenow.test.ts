import { SERVICENOW_PASSWORD, startServiceNowSimulator } from '@flange/simulators';
import type { ServiceNowSimulator } from '@flange/simulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectors } from '../../connectors';
import { contractPolicy } from '../../testing';
import { servicenow } from './definition';

let sim: ServiceNowSimulator;
beforeAll(async () => {
  sim = await startServiceNowSimulator({ hibernating: true });
});
afterAll(() => sim.close());

describe('ServiceNow connector', () => {
  it('recognises a hibernating instance and says to wake it', async () => {
    const out = await createConnectors({ policy: contractPolicy(), definitions: [servicenow] }).validate(
      {
        systemId: 'servicenow',
        authMethod: 'basic',
        values: { instance_url: sim.url, username: 'admin', password: SERVICENOW_PASSWORD },
      },
      () => undefined,
    );
    expect(out.ok ? null : [out.error.code, out.error.step, out.error.retryable]).toEqual([
      'INSTANCE_UNREACHABLE',
      'authenticate',
      true,
    ]);
  });
});
