import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMaximoSimulator } from '.';
import type { MaximoSimulator } from '.';

let sim: MaximoSimulator;
beforeAll(async () => {
  sim = await startMaximoSimulator({ ipBlock: { maxFailures: 2, windowMs: 60_000, blockMs: 60_000 } });
});
afterAll(() => sim.close());
afterEach(() => sim.state.reset());

const maxauth = (u: string, p: string) => Buffer.from(`${u}:${p}`).toString('base64');
async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${sim.url}${path}`, { headers });
  return {
    status: res.status,
    // oxlint-disable-next-line typescript/no-explicit-any -- response shapes vary per scenario; the assertions check them
    body: (await res.json().catch(() => null)) as Record<string, any> | null,
    headers: res.headers,
  };
}

describe('Maximo simulator', () => {
  it('whoami with a good API key answers the user as Maximo names its fields', async () => {
    const r = await get('/maximo/api/whoami', { apikey: 'maximo-good-key' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      loginID: 'mxintadm',
      userName: 'MXINTADM',
      insertSite: 'BEDFORD',
      insertOrg: 'EAGLENA',
    });
  });

  it('an unknown or expired key: HTTP 400 BMXAA9549E in the lean Error shape', async () => {
    for (const key of ['nope', 'maximo-expired-key']) {
      const r = await get('/maximo/api/whoami', { apikey: key });
      expect(r.status).toBe(400);
      expect(r.body!['Error']).toMatchObject({
        reasonCode: 'BMXAA9549E',
        statusCode: '400',
        errorattrname: '',
      });
      expect(r.body!['Error'].message).toMatch(/^BMXAA9549E - The API key token is invalid/);
      expect(r.body!['Error'].extendedError.moreInfo.href).toMatch(
        /\/maximo\/api\/error\/messages\/BMXAA9549E$/,
      );
    }
  });

  it('OSLC without lean=1 answers the namespaced error shape', async () => {
    const r = await get('/maximo/oslc/whoami', { maxauth: maxauth('maxadmin', 'bad') });
    expect(r.status).toBe(401);
    expect(r.body!['oslc:Error']).toMatchObject({ 'spi:reasonCode': 'BMXAA7901E', 'oslc:statusCode': '401' });
    const lean = await get('/maximo/oslc/whoami?lean=1', { maxauth: maxauth('maxadmin', 'bad') });
    expect(lean.body!['Error'].reasonCode).toBe('BMXAA7901E');
  });

  it('no credentials: 401 with a BMXAA code (what the fingerprint recognizes)', async () => {
    const r = await get('/maximo/oslc/whoami?lean=1');
    expect(r.status).toBe(401);
    expect(r.body!['Error'].reasonCode).toBe('BMXAA0021E');
    expect(sim.state.authAttempts).toBe(0);
  });

  it('locked, inactive and expired users all get the same BMXAA7901E', async () => {
    const codes: string[] = [];
    for (const u of ['locked', 'inactive', 'expired']) {
      sim.state.unblockAll(); // this simulator blocks after 2 failures
      codes.push(
        (await get('/maximo/oslc/whoami?lean=1', { maxauth: maxauth(u, 'x') })).body!['Error'].reasonCode,
      );
    }
    expect(new Set(codes)).toEqual(new Set(['BMXAA7901E']));
  });

  it('native login opens a session cookie that later calls reuse, and logout ends it', async () => {
    const r = await fetch(`${sim.url}/maximo/oslc/whoami?lean=1`, {
      headers: { maxauth: maxauth('maxadmin', 'pass_good') },
    });
    expect(r.status).toBe(200);
    const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
    expect(cookie).toMatch(/^JSESSIONID=/);
    expect(sim.state.openSessions).toBe(1);
    const wo = await get('/maximo/oslc/os/mxapiwodetail?oslc.pageSize=1', { cookie });
    expect(wo.status).toBe(200);
    expect(wo.body!['rdfs:member']).toHaveLength(1);
    await fetch(`${sim.url}/maximo/oslc/logout`, { headers: { cookie } });
    expect(sim.state.openSessions).toBe(0);
    expect(sim.state.logouts).toBe(1);
    expect((await get('/maximo/oslc/whoami?lean=1', { cookie })).status).toBe(401);
  });

  it('object structures: one page as asked, BMXAA9301E when not authorized', async () => {
    const ok = await get('/maximo/api/os/mxapiasset?oslc.pageSize=1&lean=1', { apikey: 'maximo-good-key' });
    expect(ok.body!['member']).toHaveLength(1);
    expect(ok.body!['member'][0]).toMatchObject({ assetnum: '11430' });
    const denied = await get('/maximo/api/os/MXAPIASSET', { apikey: 'maximo-noperm-key' });
    expect(denied.status).toBe(400);
    expect(denied.body!['Error'].reasonCode).toBe('BMXAA9301E');
    expect(denied.body!['Error'].message).toContain('MXAPIASSET');
    expect((await get('/maximo/api/os/mxapiwodetail', { apikey: 'maximo-noperm-key' })).status).toBe(200);
  });

  it('blocks the client address after repeated failures, good key included (BMXAA7878E)', async () => {
    await get('/maximo/api/whoami', { apikey: 'bad-1' });
    await get('/maximo/api/whoami', { apikey: 'bad-2' });
    const r = await get('/maximo/api/whoami', { apikey: 'maximo-good-key' });
    expect(r.body!['Error'].reasonCode).toBe('BMXAA7878E');
    expect(sim.state.blockedAddresses().length).toBe(1);
    sim.state.unblockAll();
    expect((await get('/maximo/api/whoami', { apikey: 'maximo-good-key' })).status).toBe(200);
  });

  it('admin mode refuses even a good key', async () => {
    sim.state.adminMode = true;
    expect((await get('/maximo/api/whoami', { apikey: 'maximo-good-key' })).body!['Error'].reasonCode).toBe(
      'BMXAA7901E',
    );
  });

  it('paths outside the API answer like the application server', async () => {
    const r = await fetch(`${sim.url}/nothing`);
    expect(r.status).toBe(404);
    expect(await r.text()).toContain('SRVE0190E');
    expect((await fetch(`${sim.url}/maximo/webclient/login/login.jsp`)).status).toBe(200);
  });
});
