import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUpKeepSimulator, UPKEEP_PASSWORD } from './index';
import type { UpKeepSimulator } from './index';

let sim: UpKeepSimulator;
beforeAll(async () => {
  sim = await startUpKeepSimulator();
});
afterAll(() => sim.close());

async function login(email: string, password = UPKEEP_PASSWORD) {
  const res = await fetch(`${sim.url}/api/v2/auth`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return {
    status: res.status,
    body: (await res.json()) as { success: boolean; message?: string; result?: { sessionToken: string } },
  };
}

describe('UpKeep simulator', () => {
  it('logs in, reads a work order, and logs out', async () => {
    const l = await login('admin@acme.example');
    expect(l.status).toBe(200);
    const token = l.body.result!.sessionToken;
    expect(token).toMatch(/^r:/);
    const wo = await fetch(`${sim.url}/api/v2/work-orders?limit=1`, { headers: { 'session-token': token } });
    expect(((await wo.json()) as { results: unknown[] }).results).toHaveLength(1);
    expect(
      (await fetch(`${sim.url}/api/v2/auth`, { method: 'DELETE', headers: { 'session-token': token } }))
        .status,
    ).toBe(200);
    expect(sim.state.openSessions).toBe(0);
    expect(
      (await fetch(`${sim.url}/api/v2/assets?limit=1`, { headers: { 'session-token': token } })).status,
    ).toBe(401);
  });

  it('refuses a wrong password with 400 and success:false, throttles with 429', async () => {
    expect(await login('admin@acme.example', 'nope')).toEqual({
      status: 400,
      body: { success: false, message: 'Invalid username/password.' },
    });
    expect((await login('throttled@acme.example')).status).toBe(429);
  });

  it('forbids work orders and purchase orders to a requester', async () => {
    const token = (await login('requester@acme.example')).body.result!.sessionToken;
    expect(
      (await fetch(`${sim.url}/api/v2/work-orders?limit=1`, { headers: { 'session-token': token } })).status,
    ).toBe(403);
    expect(
      (await fetch(`${sim.url}/api/v2/purchase-orders?limit=1`, { headers: { 'session-token': token } }))
        .status,
    ).toBe(403);
  });
});
