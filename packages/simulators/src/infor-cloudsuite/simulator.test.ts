import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, form } from '../support/test-fetch';
import { ION_CLIENT, ION_TENANT, startInforSimulator } from './simulator';
import type { InforSimulator } from './simulator';

let sim: InforSimulator;
beforeAll(async () => {
  sim = await startInforSimulator();
});
afterAll(() => sim.close());
const token = (saak: string, sask: string, cs = ION_CLIENT.secret) =>
  call(
    `${sim.url}/${ION_TENANT}/as/token.oauth2`,
    form({
      grant_type: 'password',
      username: saak,
      password: sask,
      client_id: ION_CLIENT.id,
      client_secret: cs,
    }),
  );

describe('Infor ION API simulator', () => {
  it('issues a token for the service account and answers User/Detail and an M3 list; revoke kills the token', async () => {
    const t = await token(`${ION_TENANT}#svc_good`, 'sask_good');
    expect(t.status).toBe(200);
    expect(t.json).toMatchObject({ token_type: 'Bearer', expires_in: 7200 });
    const auth = { authorization: `Bearer ${t.json.access_token}` };
    expect(
      (await call(`${sim.url}/${ION_TENANT}/Mingle/SocialService.Svc/User/Detail`, { headers: auth })).json
        .UserDetailList[0].UserName,
    ).toBe('FLANGE_SVC');
    const m3 = await call(
      `${sim.url}/${ION_TENANT}/M3/m3api-rest/v2/execute/MMS200MI/LstItmByItm?maxrecs=1`,
      { headers: auth },
    );
    expect(m3.json.nrOfFailedTransactions).toBe(0);
    await call(
      `${sim.url}/${ION_TENANT}/as/revoke_token.oauth2`,
      form({ token: t.json.access_token, token_type_hint: 'access_token' }),
    );
    expect(
      (await call(`${sim.url}/${ION_TENANT}/Mingle/SocialService.Svc/User/Detail`, { headers: auth })).status,
    ).toBe(401);
  });
  it('answers invalid_client, invalid_grant, and a disabled service account', async () => {
    expect((await token(`${ION_TENANT}#svc_good`, 'sask_good', 'wrong')).json.error).toBe('invalid_client');
    expect((await token(`${ION_TENANT}#svc_good`, 'wrong')).json.error).toBe('invalid_grant');
    expect((await token(`${ION_TENANT}#svc_disabled`, 'sask_good')).json.error_description).toContain(
      'disabled',
    );
  });
  it('answers M3 authority failures inside HTTP 200', async () => {
    const t = await token(`${ION_TENANT}#svc_noauth`, 'sask_good');
    const m3 = await call(
      `${sim.url}/${ION_TENANT}/M3/m3api-rest/v2/execute/MMS200MI/LstItmByItm?maxrecs=1`,
      { headers: { authorization: `Bearer ${t.json.access_token}` } },
    );
    expect(m3.status).toBe(200);
    expect(m3.json.nrOfFailedTransactions).toBe(1);
    expect(m3.json.results?.[0]?.errorMessage).toContain('not authorized');
  });
});
