import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ODOO_KEYS, startOdooSimulator } from './index';
import type { OdooSimulator } from './index';

let sim: OdooSimulator;
let legacy: OdooSimulator;
beforeAll(async () => {
  [sim, legacy] = await Promise.all([startOdooSimulator(), startOdooSimulator({ version: '17.0' })]);
});
afterAll(async () => {
  await Promise.all([sim.close(), legacy.close()]);
});

async function rpc(url: string, service: string, method: string, args: unknown[]) {
  const res = await fetch(`${url}/jsonrpc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service, method, args }, id: 7 }),
  });
  return {
    status: res.status,
    body: (await res.json()) as { result?: unknown; error?: { data: { name: string; message: string } } },
  };
}

/** A JSON-2 answer: a result (any JSON) or an error object. */
type Json2Body = { name?: string; message?: string; [key: string]: unknown } | unknown[];

async function json2(model: string, method: string, key: string, body: unknown = {}, db = 'acme-prod') {
  const res = await fetch(`${sim.url}/json/2/${model}/${method}`, {
    method: 'POST',
    headers: {
      authorization: `bearer ${key}`,
      'x-odoo-database': db,
      'content-type': 'application/json; charset=utf-8',
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json2Body };
}

describe('Odoo simulator', () => {
  it('answers common.version without credentials (the fingerprint)', async () => {
    const v = await rpc(sim.url, 'common', 'version', []);
    expect(v.body.result).toMatchObject({
      server_version: '19.0+e',
      server_serie: '19.0',
      protocol_version: 1,
    });
    expect((await rpc(legacy.url, 'common', 'version', [])).body.result).toMatchObject({
      server_version: '17.0',
    });
  });

  it('JSON-2: a good key reads the user context and one maintenance request', async () => {
    const ctx = await json2('res.users', 'context_get', ODOO_KEYS.good);
    expect(ctx).toEqual({ status: 200, body: { lang: 'en_US', tz: 'Europe/Brussels', uid: 2 } });
    const me = await json2('res.users', 'search_read', ODOO_KEYS.good, {
      domain: [['id', '=', 2]],
      fields: ['login', 'name', 'company_id'],
    });
    expect(me.body).toEqual([
      { id: 2, login: 'admin', name: 'Mitchell Admin', company_id: [1, 'Acme Manufacturing'] },
    ]);
    const wo = await json2('maintenance.request', 'search_read', ODOO_KEYS.good, {
      domain: [],
      fields: ['name'],
      limit: 1,
    });
    expect(wo.body).toHaveLength(1);
  });

  it('JSON-2: 401 "Invalid apikey" for an expired key, 403 AccessError, 403 on the Standard plan', async () => {
    const bad = await json2('res.users', 'context_get', ODOO_KEYS.expired);
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ name: 'werkzeug.exceptions.Unauthorized', message: 'Invalid apikey' });
    const denied = await json2('maintenance.request', 'search_read', ODOO_KEYS.noAccess, { limit: 1 });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ name: 'odoo.exceptions.AccessError' });
    const plan = await json2('res.users', 'context_get', ODOO_KEYS.good, {}, 'standard-plan');
    expect(plan.status).toBe(403);
    expect(plan.body).toMatchObject({ message: expect.stringMatching(/Standard plan/) });
  });

  it('has no JSON-2 before 19.0', async () => {
    const res = await fetch(`${legacy.url}/json/2/res.users/context_get`, {
      method: 'POST',
      headers: { authorization: `bearer ${ODOO_KEYS.good}` },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('RPC: authenticate returns the uid, or false with HTTP 200 for a wrong password and a 2FA password login', async () => {
    expect(
      (await rpc(sim.url, 'common', 'authenticate', ['acme-prod', 'admin', 'admin-sandbox', {}])).body.result,
    ).toBe(2);
    expect(
      (await rpc(sim.url, 'common', 'authenticate', ['acme-prod', 'admin', ODOO_KEYS.good, {}])).body.result,
    ).toBe(2);
    const wrong = await rpc(sim.url, 'common', 'authenticate', ['acme-prod', 'admin', 'nope', {}]);
    expect(wrong).toEqual({ status: 200, body: { jsonrpc: '2.0', id: 7, result: false } });
    expect(
      (await rpc(sim.url, 'common', 'authenticate', ['acme-prod', 'totp', 'totp-sandbox', {}])).body.result,
    ).toBe(false);
  });

  it('RPC: execute_kw reads, and faults with AccessDenied, AccessError and an unknown database', async () => {
    const ok = await rpc(sim.url, 'object', 'execute_kw', [
      'acme-prod',
      2,
      'admin-sandbox',
      'purchase.order',
      'search_read',
      [[]],
      { limit: 1 },
    ]);
    expect(ok.body.result).toHaveLength(1);
    const me = await rpc(sim.url, 'object', 'execute_kw', [
      'acme-prod',
      2,
      'admin-sandbox',
      'res.users',
      'read',
      [[2]],
      { fields: ['login'] },
    ]);
    expect(me.body.result).toEqual([{ id: 2, login: 'admin' }]);
    const denied = await rpc(sim.url, 'object', 'execute_kw', [
      'acme-prod',
      2,
      'wrong',
      'purchase.order',
      'search_read',
      [[]],
      {},
    ]);
    expect(denied.body.error?.data.name).toBe('odoo.exceptions.AccessDenied');
    const acl = await rpc(sim.url, 'object', 'execute_kw', [
      'acme-prod',
      6,
      'clerk-sandbox',
      'purchase.order',
      'search_read',
      [[]],
      {},
    ]);
    expect(acl.body.error?.data.name).toBe('odoo.exceptions.AccessError');
    const nodb = await rpc(sim.url, 'common', 'authenticate', ['acme-typo', 'admin', 'admin-sandbox', {}]);
    expect(nodb.body.error?.data.name).toBe('psycopg2.OperationalError');
  });
});
