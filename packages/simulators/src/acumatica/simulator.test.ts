import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACUMATICA_PASSWORD, startAcumaticaSimulator } from './index';
import type { AcumaticaSimulator } from './index';

let sim: AcumaticaSimulator;
beforeAll(async () => {
  sim = await startAcumaticaSimulator({ basePath: '/AcumaticaERP', maxApiSessions: 2 });
});
afterAll(() => sim.close());
beforeEach(() => sim.state.reset());

const base = () => `${sim.url}/AcumaticaERP`;

async function login(name: string, password = ACUMATICA_PASSWORD, tenant: string | null = 'Company') {
  const res = await fetch(`${base()}/entity/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password, ...(tenant !== null ? { tenant } : {}) }),
  });
  const cookies = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const text = await res.text();
  return {
    status: res.status,
    cookies,
    body: text === '' ? null : (JSON.parse(text) as Record<string, unknown>),
  };
}

describe('Acumatica simulator', () => {
  it('signs in with 204 and cookies, reads one stock item, and signs out', async () => {
    const l = await login('api_good');
    expect(l.status).toBe(204);
    expect(l.cookies).toMatch(/\.ASPXAUTH=/);
    expect(sim.state.openSessions).toBe(1);
    const r = await fetch(`${base()}/entity/Default/23.200.001/StockItem?$top=1`, {
      headers: { cookie: l.cookies },
    });
    expect(r.status).toBe(200);
    const rows = (await r.json()) as Record<string, { value?: unknown }>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]?.['InventoryID']?.value).toBe('AACOMPUT01');
    const out = await fetch(`${base()}/entity/auth/logout`, {
      method: 'POST',
      headers: { cookie: l.cookies },
    });
    expect(out.status).toBe(204);
    expect(sim.state.logouts).toBe(1);
    expect(sim.state.openSessions).toBe(0);
  });

  it.each([
    ['wrong password', 'api_good', 'nope', 'Company', 'Invalid credentials. Please try again.'],
    ['unknown tenant', 'api_good', ACUMATICA_PASSWORD, 'Nowhere', 'Invalid credentials. Please try again.'],
    [
      'no tenant on a multi-tenant site',
      'api_good',
      ACUMATICA_PASSWORD,
      null,
      'You must specify a tenant name.',
    ],
    [
      'locked account',
      'api_locked',
      ACUMATICA_PASSWORD,
      'Company',
      'Your account is locked out. Please contact your system administrator.',
    ],
    [
      'expired password',
      'api_expired',
      ACUMATICA_PASSWORD,
      'Company',
      'Your password has expired. Please change your password.',
    ],
    ['licence limit user', 'api_limit', ACUMATICA_PASSWORD, 'Company', 'API Login Limit'],
  ])('refuses sign-in (%s) with 500 and a PXException', async (_n, name, password, tenant, message) => {
    const l = await login(name, password, tenant);
    expect(l.status).toBe(500);
    expect(l.body).toMatchObject({ exceptionType: 'PX.Data.PXException', exceptionMessage: message });
    expect(l.cookies).toBe('');
  });

  it('enforces the concurrent API session cap until someone logs out', async () => {
    const a = await login('api_good');
    const b = await login('admin');
    expect([a.status, b.status]).toEqual([204, 204]);
    const c = await login('api_good');
    expect(c.status).toBe(500);
    expect(c.body?.['exceptionMessage']).toBe('API Login Limit');
    await fetch(`${base()}/entity/auth/logout`, { method: 'POST', headers: { cookie: a.cookies } });
    expect((await login('api_good')).status).toBe(204);
  });

  it('answers 401 without a session and 403 for a screen the role cannot open', async () => {
    expect((await fetch(`${base()}/entity/Default/23.200.001/StockItem?$top=1`)).status).toBe(401);
    const l = await login('api_noperm');
    const po = await fetch(`${base()}/entity/Default/23.200.001/PurchaseOrder?$top=1`, {
      headers: { cookie: l.cookies },
    });
    expect(po.status).toBe(403);
    expect(((await po.json()) as { message: string }).message).toContain('PO301000');
  });

  it('serves the sign-in page as a fingerprint and a plain 404 elsewhere', async () => {
    const page = await fetch(`${base()}/Frames/Login.aspx`);
    expect(await page.text()).toContain('Acumatica');
    expect((await fetch(`${sim.url}/entity/auth/login`, { method: 'POST' })).status).toBe(404);
  });
});
