import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../framework/simulator';
import { call } from '../support/test-fetch';
import { startFusionSimulator } from './simulator';

let sim: Simulator;
beforeAll(async () => {
  sim = await startFusionSimulator();
});
afterAll(() => sim.close());
const url = (r: string) => `${sim.url}/fscmRestApi/resources/11.13.18.05/${r}?limit=1&onlyData=true`;

describe('Oracle Fusion simulator', () => {
  it('reads one purchase order with items[] and the ECID header', async () => {
    const r = await call(url('purchaseOrders'), { basic: ['user.good@acme.com', 'pass_good'] });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ count: 1, hasMore: true, limit: 1 });
    expect(r.headers.get('x-oracle-dms-ecid')).toBeTruthy();
  });
  it('answers the same empty 401 for a wrong password and a locked user', async () => {
    for (const [u, p] of [
      ['user.good@acme.com', 'x'],
      ['user.locked@acme.com', 'pass_good'],
    ] as const) {
      const r = await call(url('purchaseOrders'), { basic: [u, p] });
      expect(r.status).toBe(401);
      expect(r.text).toBe('');
    }
  });
  it('answers 403 for a resource the roles do not grant', async () => {
    expect(
      (await call(url('maintenanceWorkOrders'), { basic: ['user.buyer@acme.com', 'pass_good'] })).status,
    ).toBe(403);
    expect((await call(url('nope'), { basic: ['user.good@acme.com', 'pass_good'] })).status).toBe(404);
  });
});
