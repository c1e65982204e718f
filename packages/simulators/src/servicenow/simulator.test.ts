import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICENOW_PASSWORD, startServiceNowSimulator } from './index';
import type { ServiceNowSimulator } from './index';

let sim: ServiceNowSimulator;
beforeAll(async () => {
  sim = await startServiceNowSimulator();
});
afterAll(() => sim.close());

const get = (path: string, user?: string, password = SERVICENOW_PASSWORD) =>
  fetch(`${sim.url}${path}`, {
    headers:
      user === undefined
        ? {}
        : { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
  });

const me = (u: string) =>
  `/api/now/table/sys_user?sysparm_query=user_name=${u}&sysparm_fields=sys_id,user_name,name,email&sysparm_limit=1`;

describe('ServiceNow simulator', () => {
  it("reads the user's own record and one asset", async () => {
    const r = await get(me('flange.integration'), 'flange.integration');
    expect(r.status).toBe(200);
    const body = (await r.json()) as { result: { user_name: string; name: string; sys_id: string }[] };
    expect(body.result).toHaveLength(1);
    expect(body.result[0]).toMatchObject({ user_name: 'flange.integration', name: 'Flange Integration' });
    expect(body.result[0]?.sys_id).toMatch(/^[0-9a-f]{32}$/);
    expect((await get('/api/now/table/alm_asset?sysparm_limit=1', 'flange.integration')).status).toBe(200);
  });

  it('answers the same 401 for a wrong password, a locked-out user and no credentials', async () => {
    const expected = {
      error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' },
      status: 'failure',
    };
    for (const r of [
      await get(me('admin'), 'admin', 'nope'),
      await get(me('locked.out'), 'locked.out'),
      await get(me('admin')),
    ]) {
      expect(r.status).toBe(401);
      expect(await r.json()).toEqual(expected);
    }
  });

  it('answers 403 naming the REST role, 403 for a table ACL, 429 when throttled', async () => {
    const norole = await get(me('no.rest.role'), 'no.rest.role');
    expect(norole.status).toBe(403);
    expect(((await norole.json()) as { error: { detail: string } }).error.detail).toContain(
      'snc_platform_rest_api_access',
    );
    expect((await get(me('no.asset.role'), 'no.asset.role')).status).toBe(200);
    expect((await get('/api/now/table/alm_asset?sysparm_limit=1', 'no.asset.role')).status).toBe(403);
    expect((await get(me('throttled'), 'throttled')).status).toBe(429);
  });

  it('answers a 200 HTML page everywhere while hibernating', async () => {
    sim.state.hibernating = true;
    try {
      const r = await get(me('admin'), 'admin');
      expect(r.status).toBe(200);
      expect(await r.text()).toContain('Instance Hibernating page');
    } finally {
      sim.state.reset();
    }
  });
});
