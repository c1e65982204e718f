import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSamsaraSimulator } from './index';
import type { SamsaraSimulator } from './index';

let sim: SamsaraSimulator;
beforeAll(async () => {
  sim = await startSamsaraSimulator();
});
afterAll(() => sim.close());

const get = (path: string, token: string) =>
  fetch(`${sim.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

describe('Samsara simulator', () => {
  it('answers /me with the organization and lists a vehicle', async () => {
    const me = await get('/me', 'samsara_api_GOODtoken0000000000000000');
    expect(await me.json()).toEqual({ data: { id: '8004312', name: 'Acme Logistics' } });
    expect((await get('/fleet/vehicles?limit=1', 'samsara_api_GOODtoken0000000000000000')).status).toBe(200);
  });

  it('serves the EU cloud under /eu and refuses an EU token on the US cloud', async () => {
    expect((await get('/eu/me', 'samsara_api_EUgoodtoken00000000000000')).status).toBe(200);
    expect((await get('/me', 'samsara_api_EUgoodtoken00000000000000')).status).toBe(401);
  });

  it('answers 401 for an unknown token, 403 for a missing scope, 429 when throttled', async () => {
    expect((await get('/me', 'samsara_api_nope')).status).toBe(401);
    const noScope = await get('/fleet/vehicles?limit=1', 'samsara_api_NOVEHICLES000000000000000');
    expect(noScope.status).toBe(403);
    expect(((await noScope.json()) as { message: string }).message).toContain('Read Vehicles');
    expect((await get('/assets?limit=1', 'samsara_api_NOVEHICLES000000000000000')).status).toBe(200);
    expect((await get('/me', 'samsara_api_THROTTLED0000000000000000')).status).toBe(429);
  });
});
