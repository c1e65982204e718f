import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/test-fetch';
import { startS4HanaOnPremSimulator } from './simulator';
import type { OnPremSimulator } from './simulator';

let sim: OnPremSimulator;
beforeAll(async () => {
  sim = await startS4HanaOnPremSimulator();
});
afterAll(() => sim.close());
const CATALOG = '/sap/opu/odata/IWFND/CATALOGSERVICE;v=2/ServiceCollection?$top=1&sap-client=100';

describe('S/4HANA on-prem Gateway simulator', () => {
  it('lists one catalog service for a good user', async () => {
    const r = await call(`${sim.url}${CATALOG}`, {
      basic: ['user_good', 'pass_good'],
      headers: { accept: 'application/json', 'x-csrf-token': 'Fetch' },
    });
    expect(r.status).toBe(200);
    expect(r.json.d?.results).toHaveLength(1);
    expect(r.headers.get('x-csrf-token')).toBeTruthy();
  });

  it('answers a bare 401 for a wrong password, and ICF texts for locked / expired / initial', async () => {
    const bad = await call(`${sim.url}${CATALOG}`, { basic: ['user_partial', 'wrong'] });
    expect(bad.status).toBe(401);
    expect(bad.text).not.toContain('ICF_SYSTEM_LOGIN');
    for (const [user, id] of [
      ['user_locked', 'ICF_SYSTEM_LOGIN/065'],
      ['user_expired', 'ICF_SYSTEM_LOGIN/016'],
      ['user_initial', 'ICF_SYSTEM_LOGIN/015'],
    ] as const) {
      const r = await call(`${sim.url}${CATALOG}`, { basic: [user, 'pass_good'] });
      expect(r.status).toBe(401);
      expect(r.text).toContain(id);
    }
  });

  it('locks a user after five wrong passwords, as login/fails_to_user_lock does', async () => {
    const s = await startS4HanaOnPremSimulator();
    try {
      for (let i = 0; i < 5; i++) await call(`${s.url}${CATALOG}`, { basic: ['user_good', 'wrong'] });
      const r = await call(`${s.url}${CATALOG}`, { basic: ['user_good', 'pass_good'] });
      expect(r.text).toContain('ICF_SYSTEM_LOGIN/065');
    } finally {
      await s.close();
    }
  });

  it('names an unknown client, answers 403 CM_CONSUMER/101 without S_SERVICE and 404 MED/170 for a missing service', async () => {
    const c = await call(`${sim.url}${CATALOG.replace('sap-client=100', 'sap-client=999')}`, {
      basic: ['user_good', 'pass_good'],
    });
    expect(c.status).toBe(401);
    expect(c.text).toContain('Client 999 is not available');
    const f = await call(`${sim.url}${CATALOG}`, {
      basic: ['user_noauth', 'pass_good'],
      headers: { accept: 'application/json' },
    });
    expect(f.status).toBe(403);
    expect(f.json.error?.code).toBe('/IWFND/CM_CONSUMER/101');
    const m = await call(`${sim.url}/sap/opu/odata/sap/API_NOT_ACTIVE/X?sap-client=100`, {
      basic: ['user_good', 'pass_good'],
    });
    expect(m.status).toBe(404);
    expect(m.json.error?.code).toBe('/IWFND/MED/170');
  });

  it('challenges an anonymous request with a realm naming the system', async () => {
    const r = await call(`${sim.url}/`);
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toContain('SAP NetWeaver Application Server [S4H/100]');
  });
});
