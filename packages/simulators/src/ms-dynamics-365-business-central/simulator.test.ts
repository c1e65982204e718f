import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LooseJson } from '../support/test-fetch';
import { ENTRA_APPS, ENTRA_SECRET, ENTRA_TENANT_ID, ENTRA_UNKNOWN_APP } from '../entra/seed';
import { BC_RESOURCE, startBusinessCentralSimulator } from './simulator';
import type { BusinessCentralSimulator } from './simulator';

let sim: BusinessCentralSimulator;
beforeAll(async () => {
  sim = await startBusinessCentralSimulator();
});
afterAll(() => sim.close());

async function token(
  clientId: string,
  secret = ENTRA_SECRET,
  tenant = ENTRA_TENANT_ID,
  scope = `${BC_RESOURCE}/.default`,
) {
  const res = await fetch(`${sim.url}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: secret,
      scope,
    }),
  });
  return { status: res.status, body: (await res.json()) as LooseJson };
}

async function companies(accessToken: string, env = 'production') {
  const res = await fetch(`${sim.url}/v2.0/${ENTRA_TENANT_ID}/${env}/api/v2.0/companies`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return { status: res.status, body: (await res.json()) as LooseJson };
}

describe('Business Central simulator', () => {
  it('issues a token and lists companies, then reads one item', async () => {
    const t = await token(ENTRA_APPS.good);
    expect(t.status).toBe(200);
    expect(t.body).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 });
    expect(t.body).not.toHaveProperty('scope');
    const c = await companies(String(t.body.access_token));
    expect(c.status).toBe(200);
    expect(c.body.value?.[0]?.displayName).toBe('CRONUS USA, Inc.');
    const id = c.body.value?.[0]?.id;
    const items = await fetch(
      `${sim.url}/v2.0/${ENTRA_TENANT_ID}/production/api/v2.0/companies(${id})/items?$top=1`,
      {
        headers: { authorization: `Bearer ${String(t.body.access_token)}` },
      },
    );
    expect(items.status).toBe(200);
    expect(((await items.json()) as LooseJson).value).toHaveLength(1);
  });

  it.each([
    ['bad secret', ENTRA_APPS.good, 'wrong', ENTRA_TENANT_ID, 401, 7000215, 'invalid_client'],
    [
      'expired secret',
      ENTRA_APPS.secretExpired,
      ENTRA_SECRET,
      ENTRA_TENANT_ID,
      401,
      7000222,
      'invalid_client',
    ],
    ['unknown app', ENTRA_UNKNOWN_APP, ENTRA_SECRET, ENTRA_TENANT_ID, 400, 700016, 'unauthorized_client'],
    [
      'unknown tenant',
      ENTRA_APPS.good,
      ENTRA_SECRET,
      '11111111-2222-4333-8444-555555555555',
      400,
      90002,
      'invalid_request',
    ],
    [
      'conditional access',
      ENTRA_APPS.conditionalAccess,
      ENTRA_SECRET,
      ENTRA_TENANT_ID,
      400,
      53003,
      'access_denied',
    ],
  ])('token endpoint: %s → AADSTS', async (_n, clientId, secret, tenant, status, code, error) => {
    const t = await token(clientId, secret, tenant);
    expect(t.status).toBe(status);
    expect(t.body.error).toBe(error);
    expect(t.body.error_codes).toEqual([code]);
    expect(String(t.body.error_description)).toMatch(new RegExp(`^AADSTS${code}: `));
  });

  it('rejects a scope without /.default (AADSTS1002012) and an unprovisioned resource (AADSTS500011)', async () => {
    expect(
      (await token(ENTRA_APPS.good, ENTRA_SECRET, ENTRA_TENANT_ID, 'Financials.ReadWrite.All')).body
        .error_codes,
    ).toEqual([1002012]);
    expect(
      (await token(ENTRA_APPS.good, ENTRA_SECRET, ENTRA_TENANT_ID, 'https://other.example/.default')).body
        .error_codes,
    ).toEqual([500011]);
  });

  it('answers 401 Authentication_InvalidCredentials for an app not registered in BC', async () => {
    const t = await token(ENTRA_APPS.notRegisteredInProduct);
    const c = await companies(String(t.body.access_token));
    expect(c.status).toBe(401);
    expect(c.body.error?.code).toBe('Authentication_InvalidCredentials');
  });

  it('answers 403 on entity reads without permission sets, 404 on an unknown environment, 429 when throttled', async () => {
    const t = String((await token(ENTRA_APPS.noPermissions)).body.access_token);
    const c = await companies(t);
    const r = await fetch(
      `${sim.url}/v2.0/${ENTRA_TENANT_ID}/production/api/v2.0/companies(${c.body.value?.[0]?.id})/items?$top=1`,
      {
        headers: { authorization: `Bearer ${t}` },
      },
    );
    expect(r.status).toBe(403);
    expect((await companies(t, 'nope')).status).toBe(404);
    const th = await companies(String((await token(ENTRA_APPS.throttled)).body.access_token));
    expect(th.status).toBe(429);
  });

  it('rejects a forged token', async () => {
    const c = await companies('eyJhbGciOiJSUzI1NiJ9.eyJ0aWQiOiJ4In0.c2ln');
    expect(c.status).toBe(401);
  });
});
