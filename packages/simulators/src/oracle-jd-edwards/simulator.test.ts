import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/test-fetch';
import { JDE_AIS_VERSION, startJdeSimulator } from './simulator';
import type { JdeSimulator } from './simulator';

let sim: JdeSimulator;
beforeAll(async () => {
  sim = await startJdeSimulator();
});
afterAll(() => sim.close());
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  call(`${sim.url}/jderest/v2/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('JD Edwards AIS simulator', () => {
  it('shows its version without authentication', async () => {
    const r = await call(`${sim.url}/jderest/v2/defaultconfig`);
    expect(r.json.aisVersion).toBe(JDE_AIS_VERSION);
  });
  it('issues a token, browses a table with it, and logs out', async () => {
    const t = await post('tokenrequest', {
      username: 'jde',
      password: 'pass_good',
      deviceName: 'flange',
      environment: 'JDV920',
      role: '*ALL',
    });
    expect(t.status).toBe(200);
    const token = t.json.userInfo?.token as string;
    expect(t.json.userInfo?.alphaName).toBe('JDE Demo User');
    const d = await post(
      'dataservice',
      { targetName: 'F4801', targetType: 'table', dataServiceType: 'BROWSE', maxPageSize: '1' },
      { 'jde-AIS-Auth': token },
    );
    expect(d.json.fs_DATABROWSE_F4801?.data?.gridData?.rowset).toHaveLength(1);
    expect(sim.tokens.size).toBe(1);
    expect((await post('tokenrequest/logout', { token })).status).toBe(200);
    expect(sim.tokens.size).toBe(0);
    expect((await post('tokenrequest/validate', { token })).status).toBe(444);
  });
  it('answers 403 Authorization Failure for bad credentials and names a bad environment', async () => {
    const bad = await post('tokenrequest', { username: 'JDE', password: 'x', environment: 'JDV920' });
    expect(bad.status).toBe(403);
    expect(bad.json.message).toBe('Authorization Failure');
    const env = await post('tokenrequest', { username: 'JDE', password: 'pass_good', environment: 'JDV999' });
    expect(env.status).toBe(403);
    expect(env.json.message).toContain('JDV999');
  });
  it('refuses tables the user may not read, and answers 405 when the HTML server refuses this AIS', async () => {
    const t = await post('tokenrequest', {
      username: 'PLANNER',
      password: 'pass_good',
      environment: 'JDV920',
    });
    const d = await post(
      'dataservice',
      { targetName: 'F4311', targetType: 'table', dataServiceType: 'BROWSE' },
      { 'jde-AIS-Auth': t.json.userInfo?.token },
    );
    expect(d.status).toBe(403);
    const s = await startJdeSimulator({ htmlServerMisconfigured: true });
    try {
      const r = await call(`${s.url}/jderest/v2/tokenrequest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"username":"JDE","password":"pass_good"}',
      });
      expect(r.status).toBe(405);
    } finally {
      await s.close();
    }
  });
});
