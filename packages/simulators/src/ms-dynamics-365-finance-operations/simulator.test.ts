import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTRA_APPS, ENTRA_SECRET, ENTRA_TENANT_ID } from '../entra/seed';
import { call, form } from '../support/test-fetch';
import { FO_PUBLIC_URL, startFinanceOperationsSimulator } from './simulator';
import type { FinanceOperationsSimulator } from './simulator';

let sim: FinanceOperationsSimulator;
beforeAll(async () => {
  sim = await startFinanceOperationsSimulator();
});
afterAll(() => sim.close());
const token = async (clientId: string, resource = FO_PUBLIC_URL) =>
  (
    await call(
      `${sim.url}/${ENTRA_TENANT_ID}/oauth2/v2.0/token`,
      form({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: ENTRA_SECRET,
        scope: `${resource}/.default`,
      }),
    )
  ).json;
const read = async (t: string, entity = 'LegalEntities') =>
  call(`${sim.url}/data/${entity}?$top=1`, { headers: { authorization: `Bearer ${t}` } });

describe('Finance & Operations simulator', () => {
  it('reads the legal entity with a token for the public URL or for its own address', async () => {
    expect((await read((await token(ENTRA_APPS.good)).access_token)).json.value[0].LegalEntityId).toBe(
      'USMF',
    );
    expect((await read((await token(ENTRA_APPS.good, sim.url)).access_token)).status).toBe(200);
  });
  it('answers 401 with no body for an app not added in F&O, 403 for a user without roles, 429 when throttled', async () => {
    const r = await read((await token(ENTRA_APPS.notRegisteredInProduct)).access_token);
    expect(r.status).toBe(401);
    expect(r.text).toBe('');
    expect(
      (await read((await token(ENTRA_APPS.noPermissions)).access_token, 'PurchaseOrderHeadersV2')).status,
    ).toBe(403);
    expect((await read((await token(ENTRA_APPS.throttled)).access_token)).status).toBe(429);
  });
  it('refuses a token for another audience', async () => {
    const t = (
      await call(
        `${sim.url}/${ENTRA_TENANT_ID}/oauth2/v2.0/token`,
        form({
          grant_type: 'client_credentials',
          client_id: ENTRA_APPS.good,
          client_secret: ENTRA_SECRET,
          scope: `${FO_PUBLIC_URL}/.default`,
        }),
      )
    ).json.access_token;
    expect(
      (await call(`${sim.url}/data/LegalEntities`, { headers: { authorization: `Bearer ${t}x` } })).status,
    ).toBe(401);
  });
});
