import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PI_PASSWORD, startPiWebApiSimulator } from './index';
import type { PiWebApiSimulator } from './index';

let sim: PiWebApiSimulator;
let kerberosOnly: PiWebApiSimulator;
beforeAll(async () => {
  [sim, kerberosOnly] = await Promise.all([
    startPiWebApiSimulator(),
    startPiWebApiSimulator({ authenticationMethods: ['Kerberos'] }),
  ]);
});
afterAll(async () => {
  await Promise.all([sim.close(), kerberosOnly.close()]);
});

const basic = (u: string, p = PI_PASSWORD) => ({
  authorization: `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`,
});

describe('PI Web API simulator', () => {
  it('challenges an anonymous look at /system with the methods it accepts', async () => {
    const r = await fetch(`${sim.url}/piwebapi/system`);
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe('Negotiate, Basic realm="PI Web API"');
    expect((await fetch(`${kerberosOnly.url}/piwebapi/system`)).headers.get('www-authenticate')).toBe(
      'Negotiate',
    );
  });

  it('describes the identity and lists data servers', async () => {
    const who = await fetch(`${sim.url}/piwebapi/system/userinfo`, { headers: basic('corp\\SVC_FLANGE') });
    expect(await who.json()).toMatchObject({
      IdentityType: 'WindowsIdentity',
      Name: 'CORP\\svc_flange',
      IsAuthenticated: true,
    });
    const sys = await fetch(`${sim.url}/piwebapi/system`, { headers: basic('CORP\\svc_flange') });
    expect(await sys.json()).toMatchObject({ ProductTitle: 'PI Web API 2023 SP1' });
    const ds = await fetch(`${sim.url}/piwebapi/dataservers`, { headers: basic('CORP\\svc_flange') });
    expect(((await ds.json()) as { Items: unknown[] }).Items).toHaveLength(1);
  });

  it('answers 401 to a wrong password, 403 without a PI mapping, and 401 to Basic when only Kerberos is on', async () => {
    expect(
      (await fetch(`${sim.url}/piwebapi/system/userinfo`, { headers: basic('CORP\\svc_flange', 'nope') }))
        .status,
    ).toBe(401);
    expect(
      (await fetch(`${sim.url}/piwebapi/dataservers`, { headers: basic('CORP\\svc_nomap') })).status,
    ).toBe(403);
    const k = await fetch(`${kerberosOnly.url}/piwebapi/system/userinfo`, {
      headers: basic('CORP\\svc_flange'),
    });
    expect([k.status, k.headers.get('www-authenticate')]).toEqual([401, 'Negotiate']);
  });
});
