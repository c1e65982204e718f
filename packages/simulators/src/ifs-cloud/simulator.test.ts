import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../framework/simulator';
import { call, form } from '../support/test-fetch';
import { IFS_NAMESPACE, startIfsSimulator } from './simulator';

let sim: Simulator;
beforeAll(async () => {
  sim = await startIfsSimulator();
});
afterAll(() => sim.close());
const token = (id: string, secret = 'secret_good', ns = IFS_NAMESPACE) =>
  call(
    `${sim.url}/auth/realms/${ns}/protocol/openid-connect/token`,
    form({
      grant_type: 'client_credentials',
      client_id: id,
      client_secret: secret,
      scope: 'openid microprofile-jwt',
    }),
  );
const read = (t: string, p = 'PurchaseOrderHandling.svc/PurchaseOrderSet') =>
  call(`${sim.url}/main/ifsapplications/projection/v1/${p}?$top=1`, {
    headers: { authorization: `Bearer ${t}` },
  });

describe('IFS Cloud simulator', () => {
  it('publishes the realm discovery document and issues a 180 s token that reads a projection', async () => {
    const d = await call(`${sim.url}/auth/realms/${IFS_NAMESPACE}/.well-known/openid-configuration`);
    expect(d.json.token_endpoint).toBe(
      `${sim.url}/auth/realms/${IFS_NAMESPACE}/protocol/openid-connect/token`,
    );
    const t = await token('flange_svc');
    expect(t.json).toMatchObject({ expires_in: 180, token_type: 'Bearer', refresh_expires_in: 0 });
    expect((await read(t.json.access_token)).json.value[0].OrderNo).toBe('P100234');
    const me = await call(`${sim.url}/auth/realms/${IFS_NAMESPACE}/protocol/openid-connect/userinfo`, {
      headers: { authorization: `Bearer ${t.json.access_token}` },
    });
    expect(me.json.preferred_username).toBe('service-account-flange_svc');
  });
  it('answers Keycloak errors', async () => {
    expect((await token('nope')).json).toEqual({
      error: 'invalid_client',
      error_description: 'Invalid client or Invalid client credentials',
    });
    expect((await token('flange_svc', 'wrong')).json.error).toBe('unauthorized_client');
    expect((await token('flange_nosa')).json.error_description).toBe(
      'Client not enabled to retrieve service account',
    );
    const realm = await token('flange_svc', 'secret_good', 'nope');
    expect(realm.status).toBe(404);
    expect(realm.json.error).toBe('Realm does not exist');
  });
  it('refuses unmapped users (401) and missing permission sets (403)', async () => {
    expect((await read((await token('flange_unmapped')).json.access_token)).status).toBe(401);
    expect((await read((await token('flange_noperm')).json.access_token)).status).toBe(403);
  });
});
