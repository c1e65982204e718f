import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../framework/simulator';
import { call, form } from '../support/test-fetch';
import { startS4HanaCloudSimulator } from './simulator';

let sim: Simulator;
beforeAll(async () => {
  sim = await startS4HanaCloudSimulator();
});
afterAll(() => sim.close());
const PO = '/sap/opu/odata/sap/API_PURCHASEORDER_PROCESS_SRV';

describe('S/4HANA Cloud simulator', () => {
  it('answers $metadata with a CSRF token and session cookies for a communication user', async () => {
    const r = await call(`${sim.url}${PO}/$metadata`, {
      basic: ['user_good', 'pass_good'],
      headers: { 'x-csrf-token': 'Fetch' },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-csrf-token')).toMatch(/.{16,}/);
    expect(r.headers.get('set-cookie')).toContain('SAP_SESSIONID_ZK1_100=');
    expect(r.text).toContain('EntitySet Name="A_PurchaseOrder"');
    const rows = await call(`${sim.url}${PO}/A_PurchaseOrder?$top=1&$format=json`, {
      basic: ['USER_GOOD', 'pass_good'],
    });
    expect(rows.json.d?.results?.[0]?.PurchaseOrder).toBe('4500000001');
  });

  it.each([
    ['wrong password', 'user_good', 'nope'],
    ['locked user (same bare 401)', 'user_locked', 'pass_good'],
    ['unknown user', 'ghost', 'pass_good'],
  ])('%s → 401 with the SAP realm', async (_n, user, password) => {
    const r = await call(`${sim.url}${PO}/$metadata`, { basic: [user, password] });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe(
      'Basic realm="SAP NetWeaver Application Server [ZK1/100]"',
    );
  });

  it('answers 403 /IWFND/CM_CONSUMER/101 for a service without an arrangement, 404 /IWFND/MED/170 for an unknown one', async () => {
    const r = await call(`${sim.url}/sap/opu/odata/sap/API_EQUIPMENT/Equipment?$top=1`, {
      basic: ['user_partial', 'pass_good'],
    });
    expect(r.status).toBe(403);
    expect(r.json.error?.code).toBe('/IWFND/CM_CONSUMER/101');
    const n = await call(`${sim.url}/sap/opu/odata/sap/API_NOPE/X`, { basic: ['user_good', 'pass_good'] });
    expect(n.json.error?.code).toBe('/IWFND/MED/170');
  });

  it('refuses a write without a CSRF token', async () => {
    const r = await call(`${sim.url}${PO}/A_PurchaseOrder`, {
      method: 'POST',
      basic: ['user_good', 'pass_good'],
      body: '{}',
    });
    expect(r.status).toBe(403);
    expect(r.headers.get('x-csrf-token')).toBe('Required');
  });

  it('issues XSUAA tokens (client auth Basic) that the OData service accepts; bad client → 401 Bad credentials', async () => {
    const t = await call(`${sim.url}/oauth/token`, {
      ...form({ grant_type: 'client_credentials' }),
      basic: ['sb-flange!b4711', 'xsuaa_secret_good'],
    });
    expect(t.status).toBe(200);
    expect(t.json).toMatchObject({ token_type: 'bearer', expires_in: 43199 });
    const ok = await call(`${sim.url}${PO}/$metadata`, {
      headers: { authorization: `Bearer ${t.json.access_token}` },
    });
    expect(ok.status).toBe(200);
    const bad = await call(`${sim.url}/oauth/token`, {
      ...form({ grant_type: 'client_credentials' }),
      basic: ['sb-flange!b4711', 'wrong'],
    });
    expect(bad.status).toBe(401);
    expect(bad.json).toEqual({ error: 'unauthorized', error_description: 'Bad credentials' });
    const t2 = await call(`${sim.url}/oauth/token`, {
      ...form({ grant_type: 'client_credentials' }),
      basic: ['sb-flange-noroles!b4711', 'xsuaa_secret_good'],
    });
    const denied = await call(`${sim.url}${PO}/$metadata`, {
      headers: { authorization: `Bearer ${t2.json.access_token}` },
    });
    expect(denied.status).toBe(403);
  });
});
