import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limbleHostOverrides, startLimbleSimulator } from './index';
import type { LimbleSimulator } from './index';

let sim: LimbleSimulator;
beforeAll(async () => {
  sim = await startLimbleSimulator();
});
afterAll(() => sim.close());

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const get = (path: string, id: string, secret: string) =>
  fetch(`${sim.url}${path}`, { headers: { authorization: basic(id, secret) } });

describe('Limble simulator', () => {
  it('reads with a US client on the US host and an EU client under /eu', async () => {
    const us = await get('/v2/tasks?limit=1', 'us_client_good', 'us_secret_good');
    expect(us.status).toBe(200);
    expect(await us.json()).toHaveLength(1);
    expect((await get('/eu/v2/locations?limit=1', 'eu_client_good', 'eu_secret_good')).status).toBe(200);
  });

  it('refuses a wrong secret and a client of another region with 401', async () => {
    const bad = await get('/v2/assets?limit=1', 'us_client_good', 'nope');
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect((await get('/v2/assets?limit=1', 'eu_client_good', 'eu_secret_good')).status).toBe(401);
    expect(sim.state.rejected).toBe(2);
  });

  it('throttles with 429 and Retry-After', async () => {
    const r = await get('/v2/parts?limit=1', 'us_client_throttled', 'us_secret_good');
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('30');
  });

  it('maps every regional host to its prefix', () => {
    expect(limbleHostOverrides('http://127.0.0.1:1')).toEqual({
      'api.limblecmms.com': 'http://127.0.0.1:1',
      'ca-api.limblecmms.com': 'http://127.0.0.1:1/ca',
      'au-api.limblecmms.com': 'http://127.0.0.1:1/au',
      'eu-api.limblecmms.com': 'http://127.0.0.1:1/eu',
      '21cfr-api.limblecmms.com': 'http://127.0.0.1:1/21cfr',
    });
  });
});
