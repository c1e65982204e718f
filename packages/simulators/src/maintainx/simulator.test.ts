import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMaintainXSimulator } from './index';
import type { MaintainXSimulator } from './index';

let sim: MaintainXSimulator;
beforeAll(async () => {
  sim = await startMaintainXSimulator();
});
afterAll(() => sim.close());

const get = (path: string, key: string, org?: string) =>
  fetch(`${sim.url}${path}`, {
    headers: { authorization: `Bearer ${key}`, ...(org !== undefined ? { 'x-organization-id': org } : {}) },
  });

describe('MaintainX simulator', () => {
  it('lists one user and one work order with a good key', async () => {
    const users = await get('/v1/users?limit=1', 'mx_good_key');
    expect(users.status).toBe(200);
    expect(((await users.json()) as { users: unknown[] }).users).toHaveLength(1);
    expect(
      ((await (await get('/v1/workorders?limit=1', 'mx_good_key')).json()) as { workOrders: unknown[] })
        .workOrders,
    ).toHaveLength(1);
  });

  it.each([
    ['unknown key', 'mx_nope', undefined, 401],
    ['multi-org key without an organization', 'mx_multi_org_key', undefined, 400],
    ['multi-org key with a foreign organization', 'mx_multi_org_key', '99999', 403],
    ['plan without API', 'mx_no_api_plan_key', undefined, 403],
    ['throttled', 'mx_throttled_key', undefined, 429],
  ])('answers %s with %i', async (_n, key, org, status) => {
    const r = await get('/v1/users?limit=1', key, org);
    expect(r.status).toBe(status);
    expect(((await r.json()) as { errors: { message: string }[] }).errors[0]?.message).toBeTruthy();
  });

  it('accepts a multi-org key with one of its organizations', async () => {
    expect((await get('/v1/users?limit=1', 'mx_multi_org_key', '51877')).status).toBe(200);
  });
});
