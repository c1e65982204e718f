import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMAINT_PASSWORD, startEmaintSimulator } from './index';
import type { EmaintSimulator } from './index';

let sim: EmaintSimulator;
beforeAll(async () => {
  sim = await startEmaintSimulator();
});
afterAll(() => sim.close());

const call = (q: string, body: unknown, headers: Record<string, string>) =>
  fetch(`${sim.url}/wc.dll?x3~api~!&q=${q}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

async function login(userid: string, password = EMAINT_PASSWORD, ua = 'Flange/0.1 connector') {
  const res = await call('GetLoginToken', { userid, password }, ua === '' ? {} : { 'xt-useragent': ua });
  return { status: res.status, body: (await res.json()) as { token?: string; error?: string } };
}

describe('eMaint simulator', () => {
  it('issues a 7-day JWT and reads a work order with the same Xt-UserAgent', async () => {
    const l = await login('flange_api');
    expect(l.status).toBe(200);
    expect(l.body.token?.split('.')).toHaveLength(3);
    const wo = await call(
      'GetAnyData',
      { table: 'wo', top: 1 },
      { authorization: `Bearer ${l.body.token}`, 'xt-useragent': 'Flange/0.1 connector' },
    );
    expect(wo.status).toBe(200);
    expect(((await wo.json()) as { data: unknown[] }).data).toHaveLength(1);
  });

  it('refuses the token from another Xt-UserAgent', async () => {
    const { token } = (await login('flange_api')).body;
    const r = await call(
      'GetAnyData',
      { table: 'wo', top: 1 },
      { authorization: `Bearer ${token}`, 'xt-useragent': 'Someone else' },
    );
    expect(r.status).toBe(401);
    expect(sim.state.agentMismatches).toBe(1);
  });

  it.each([
    ['wrong password', 'flange_api', 'nope', 'ua', 401],
    ['locked', 'locked_user', EMAINT_PASSWORD, 'ua', 401],
    ['no API access', 'no_api_user', EMAINT_PASSWORD, 'ua', 403],
    ['no Xt-UserAgent', 'flange_api', EMAINT_PASSWORD, '', 400],
  ])('refuses a login: %s', async (_n, user, password, ua, status) => {
    const l = await login(user, password, ua);
    expect(l.status).toBe(status);
    expect(l.body.error).toBeTruthy();
  });
});
