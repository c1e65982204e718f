import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FISHBOWL_MFA_CODE, FISHBOWL_PASSWORD, startFishbowlSimulator } from './index';
import type { FishbowlSimulator } from './index';

let sim: FishbowlSimulator;
beforeAll(async () => {
  sim = await startFishbowlSimulator();
});
afterAll(() => sim.close());

async function login(username: string, extra: Record<string, unknown> = {}) {
  const res = await fetch(`${sim.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      appName: 'Flange',
      appDescription: 'Connection check',
      appId: 8312,
      username,
      password: FISHBOWL_PASSWORD,
      ...extra,
    }),
  });
  return {
    status: res.status,
    mfa: res.headers.get('mfa'),
    body: (await res.json()) as { token?: string; message?: string; user?: unknown; serverVersion?: string },
  };
}

describe('Fishbowl simulator', () => {
  it('logs in with token, user and server version; reads parts; logs out', async () => {
    const l = await login('admin');
    expect(l.status).toBe(200);
    expect(l.body).toMatchObject({
      user: { firstName: 'Fishbowl', lastName: 'Admin' },
      serverVersion: '2024.10.16',
    });
    const auth = { authorization: `Bearer ${l.body['token']}` };
    const parts = await fetch(`${sim.url}/api/parts?pageSize=1`, { headers: auth });
    expect(((await parts.json()) as { results: unknown[] }).results).toHaveLength(1);
    expect((await fetch(`${sim.url}/api/logout`, { method: 'POST', headers: auth })).status).toBe(204);
    expect(sim.state.openSessions).toBe(0);
  });

  it('asks for MFA with 401 + "MFA: Required", then accepts the code', async () => {
    const first = await login('mfa_user');
    expect([first.status, first.mfa]).toEqual([401, 'Required']);
    const wrong = await login('mfa_user', { mfaCode: '000000' });
    expect([wrong.status, wrong.mfa]).toEqual([401, 'Required']);
    expect(wrong.body['message']).toMatch(/not valid/);
    expect((await login('mfa_user', { mfaCode: FISHBOWL_MFA_CODE })).status).toBe(200);
  });

  it('holds a new integration for approval and refuses when seats run out', async () => {
    const p = await login('approval_pending');
    expect(p.status).toBe(403);
    expect(p.body['message']).toMatch(/waiting for an administrator to approve/);
    expect(sim.state.pendingApps).toContain(8312);
    expect((await login('no_seats')).body['message']).toMatch(/licenses are in use/);
    expect((await login('admin', { password: 'nope' })).status).toBe(401);
  });

  it('forbids purchase orders to a user without the module', async () => {
    const l = await login('receiving');
    const po = await fetch(`${sim.url}/api/purchase-orders?pageSize=1`, {
      headers: { authorization: `Bearer ${l.body['token']}` },
    });
    expect(po.status).toBe(403);
  });
});
