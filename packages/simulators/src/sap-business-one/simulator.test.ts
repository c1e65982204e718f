import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/test-fetch';
import { B1_COMPANY_DB, startBusinessOneSimulator } from './simulator';
import type { BusinessOneSimulator } from './simulator';

let sim: BusinessOneSimulator;
beforeAll(async () => {
  sim = await startBusinessOneSimulator({ tls: false });
});
afterAll(() => sim.close());

const login = (UserName: string, Password = 'pass_good', CompanyDB = B1_COMPANY_DB) =>
  call(`${sim.url}/b1s/v1/Login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ CompanyDB, UserName, Password }),
  });

describe('SAP Business One Service Layer simulator', () => {
  it('serves https with a self-signed certificate by default', async () => {
    const s = await startBusinessOneSimulator();
    try {
      expect(s.url.startsWith('https://')).toBe(true);
      expect(s.certificate?.sha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    } finally {
      await s.close();
    }
  });

  it('logs in, reads, names the user and company, and logs out (freeing the seat)', async () => {
    const r = await login('manager');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ Version: '1000190', SessionTimeout: 30 });
    const cookie = `B1SESSION=${r.json.SessionId}; ROUTEID=.node1`;
    expect(r.headers.get('set-cookie')).toContain('B1SESSION=');
    expect(sim.sessions.size).toBe(1);
    const items = await call(`${sim.url}/b1s/v1/Items?$top=1`, { headers: { cookie } });
    expect(items.json.value?.[0]?.ItemCode).toBe('A00001');
    expect(
      (await call(`${sim.url}/b1s/v1/UsersService_GetCurrentUser`, { method: 'POST', headers: { cookie } }))
        .json.UserCode,
    ).toBe('manager');
    expect(
      (await call(`${sim.url}/b1s/v1/CompanyService_GetCompanyInfo`, { method: 'POST', headers: { cookie } }))
        .json.CompanyName,
    ).toBe('OEC Computers');
    expect((await call(`${sim.url}/b1s/v1/Logout`, { method: 'POST', headers: { cookie } })).status).toBe(
      204,
    );
    expect(sim.sessions.size).toBe(0);
    expect((await call(`${sim.url}/b1s/v1/Items`, { headers: { cookie } })).json.error.code).toBe(301);
  });

  it.each([
    ['wrong password', 'manager', 'nope', B1_COMPANY_DB, -304],
    ['wrong company database', 'manager', 'pass_good', 'SBODEMOXX', -304],
    ['locked user', 'user_locked', 'pass_good', B1_COMPANY_DB, -310],
    ['no licence', 'user_nolicense', 'pass_good', B1_COMPANY_DB, -1029],
  ])('%s → 401 with error.code', async (_n, user, pw, db, code) => {
    const r = await login(user, pw, db);
    expect(r.status).toBe(401);
    expect(r.json.error?.code).toBe(code);
  });

  it('refuses reads the user is not permitted', async () => {
    const r = await login('user_noauth');
    const read = await call(`${sim.url}/b1s/v1/PurchaseOrders?$top=1`, {
      headers: { cookie: `B1SESSION=${r.json.SessionId}` },
    });
    expect(read.status).toBe(403);
    expect(read.json.error?.message?.value).toContain('not permitted');
  });
});
