import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTulipSimulator } from './index';
import type { TulipSimulator } from './index';

let sim: TulipSimulator;
beforeAll(async () => {
  sim = await startTulipSimulator();
});
afterAll(() => sim.close());

const get = (path: string, key: string, secret = 'tulip-secret-good') =>
  fetch(`${sim.url}${path}`, {
    headers: { authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}` },
  });

describe('Tulip simulator', () => {
  it('lists tables and stations with a fully scoped token', async () => {
    expect(await (await get('/api/v3/tables?limit=1', 'apikey.2_FLANGEgoodKEY')).json()).toHaveLength(1);
    expect((await get('/api/v3/stations?limit=1', 'apikey.2_FLANGEgoodKEY')).status).toBe(200);
  });

  it('answers 401 for a wrong secret and 403 naming a missing scope', async () => {
    expect((await get('/api/v3/tables', 'apikey.2_FLANGEgoodKEY', 'nope')).status).toBe(401);
    const r = await get('/api/v3/stations?limit=1', 'apikey.2_TABLESonlyKEY');
    expect(r.status).toBe(403);
    expect(await r.json()).toEqual({
      errorCode: 'FORBIDDEN',
      message: 'The API token is missing the required scope stations:read.',
    });
    expect((await get('/api/v3/tables', 'apikey.2_THROTTLEDkey0')).status).toBe(429);
  });
});
