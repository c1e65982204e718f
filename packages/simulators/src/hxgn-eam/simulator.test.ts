import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../framework/simulator';
import { call } from '../support/test-fetch';
import { startHxgnEamSimulator } from './simulator';

let sim: Simulator;
beforeAll(async () => {
  sim = await startHxgnEamSimulator();
});
afterAll(() => sim.close());
const grid = (name: string, headers: Record<string, string>, basic?: [string, string]) =>
  call(`${sim.url}/axis/restservices/grids`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ GRID: { GRID_NAME: name, NUMBER_OF_ROWS_FIRST_RETURNED: 1 } }),
    ...(basic ? { basic } : {}),
  });
const th = { tenant: 'ACME_PRD', organization: 'PLANT1' };

describe('HxGN EAM simulator', () => {
  it('reads one work order with Basic and with an API key', async () => {
    const b = await grid('WSJOBS', th, ['user_good', 'pass_good']);
    expect(b.status).toBe(200);
    expect(b.json.Result?.ResultData?.RECORDS).toBe('1');
    expect((await grid('WSJOBS', { ...th, 'x-api-key': 'eam-key-good' })).status).toBe(200);
  });
  it.each([
    ['wrong password', th, ['user_good', 'x'], 401, 'InvalidCredentials'],
    ['locked', th, ['user_locked', 'pass_good'], 401, 'AccountLocked'],
    ['expired password', th, ['user_expired', 'pass_good'], 401, 'PasswordExpired'],
    ['wrong tenant', { ...th, tenant: 'ACME_XXX' }, ['user_good', 'pass_good'], 401, 'InvalidTenant'],
    [
      'wrong organization',
      { ...th, organization: 'NOPE' },
      ['user_good', 'pass_good'],
      403,
      'InvalidOrganization',
    ],
    ['no access to the screen', th, ['user_noauth', 'pass_good'], 403, 'NotAuthorized'],
  ] as const)('%s', async (_n, headers, basic, status, name) => {
    const r = await grid('WSJOBS', { ...headers }, [...basic] as [string, string]);
    expect(r.status).toBe(status);
    expect(r.json.ErrorAlert?.[0]?.Name).toBe(name);
  });
  it('answers expired and unknown API keys', async () => {
    expect((await grid('WSJOBS', { ...th, 'x-api-key': 'eam-key-expired' })).json.ErrorAlert[0].Name).toBe(
      'ApiKeyExpired',
    );
    expect((await grid('WSJOBS', { ...th, 'x-api-key': 'nope' })).json.ErrorAlert[0].Name).toBe(
      'InvalidApiKey',
    );
  });
});
