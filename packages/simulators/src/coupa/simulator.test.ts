import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUPA_ALL_SCOPES, COUPA_CLIENTS, COUPA_SECRET, startCoupaSimulator } from './index';
import type { CoupaSimulator } from './index';

let sim: CoupaSimulator;
beforeAll(async () => {
  sim = await startCoupaSimulator();
});
afterAll(() => sim.close());

async function token(clientId: string, secret = COUPA_SECRET, scope = COUPA_ALL_SCOPES.join(' ')) {
  const res = await fetch(`${sim.url}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: secret,
      scope,
    }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

const api = (path: string, t: string) =>
  fetch(`${sim.url}${path}`, { headers: { authorization: `Bearer ${t}`, accept: 'application/json' } });

describe('Coupa simulator', () => {
  it('issues a scoped token and serves one purchase order', async () => {
    const t = await token(COUPA_CLIENTS.good);
    expect(t.status).toBe(200);
    expect(t.body).toMatchObject({ token_type: 'bearer', scope: COUPA_ALL_SCOPES.join(' ') });
    const po = await api('/api/purchase_orders?limit=1', t.body['access_token']!);
    expect(((await po.json()) as Record<string, unknown>[])[0]?.['po-number']).toBe('3105');
  });

  it('refuses a wrong secret (invalid_client) and an ungranted scope (invalid_scope)', async () => {
    const bad = await token(COUPA_CLIENTS.good, 'nope');
    expect([bad.status, bad.body['error']]).toEqual([401, 'invalid_client']);
    const scope = await token(COUPA_CLIENTS.suppliersOnly);
    expect([scope.status, scope.body['error']]).toEqual([400, 'invalid_scope']);
  });

  it('answers 403 for a resource outside the token scopes and 401 without a token', async () => {
    const t = await token(COUPA_CLIENTS.good, COUPA_SECRET, 'core.supplier.read');
    const items = await api('/api/items?limit=1', t.body['access_token']!);
    expect(items.status).toBe(403);
    expect(((await items.json()) as { errors: { error: string[] } }).errors.error[0]).toContain(
      'core.item.read',
    );
    expect((await api('/api/suppliers?limit=1', 'not-a-token')).status).toBe(401);
  });
});
