import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../framework/simulator';
import { call } from '../support/test-fetch';
import { startEpicorSimulator } from './simulator';

let sim: Simulator;
beforeAll(async () => {
  sim = await startEpicorSimulator();
});
afterAll(() => sim.close());
const path = (svc = 'Erp.BO.CompanySvc/Companies', company = 'EPIC06') =>
  `/KineticLive/api/v2/odata/${company}/${svc}?$top=1`;
const url = (svc?: string, company?: string) => `${sim.url}${path(svc, company)}`;

describe('Epicor Kinetic simulator', () => {
  it('needs the API key even with a good password', async () => {
    const r = await call(url(), { basic: ['manager', 'pass_good'] });
    expect(r.status).toBe(401);
    expect(r.json.ErrorMessage).toContain('API Key');
    const ok = await call(url(), {
      basic: ['manager', 'pass_good'],
      headers: { 'x-api-key': 'epicor-key-good' },
    });
    expect(ok.json.value?.[0]?.Name).toBe('Epicor Education');
  });
  it.each([
    ['wrong password', 'manager', 'x', 'epicor-key-good', path(), 401, 'Incorrect username or password'],
    ['expired key', 'manager', 'pass_good', 'epicor-key-expired', path(), 401, 'expired'],
    ['locked', 'user_locked', 'pass_good', 'epicor-key-good', path(), 401, 'locked'],
    ['expired password', 'user_expired', 'pass_good', 'epicor-key-good', path(), 401, 'password has expired'],
    ['no licence', 'user_nolicense', 'pass_good', 'epicor-key-good', path(), 409, 'licenses'],
    [
      'wrong company',
      'manager',
      'pass_good',
      'epicor-key-good',
      path(undefined, 'NOPE'),
      403,
      'company NOPE',
    ],
    [
      'service denied',
      'user_noauth',
      'pass_good',
      'epicor-key-good',
      path('Erp.BO.POSvc/POes'),
      403,
      'Erp.BO.POSvc',
    ],
  ])('%s', async (_n, user, pw, key, p, status, text) => {
    const r = await call(`${sim.url}${p}`, { basic: [user, pw], headers: { 'x-api-key': key } });
    expect(r.status).toBe(status);
    expect(r.json.ErrorMessage).toContain(text);
  });
});
