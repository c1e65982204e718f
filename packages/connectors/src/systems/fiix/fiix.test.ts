import { createHmac } from 'node:crypto';
import { FIIX_ACCESS_KEYS, FIIX_APP_KEY, FIIX_SECRET_KEY, startFiixSimulator } from '@flange/simulators';
import type { FiixSimulator } from '@flange/simulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectors } from '../../connectors';
import { contractPolicy } from '../../testing';
import { fiix } from './definition';

let sim: FiixSimulator;
beforeAll(async () => {
  sim = await startFiixSimulator();
});
afterAll(() => sim.close());

const values = () => ({
  instance_url: sim.url,
  app_key: FIIX_APP_KEY,
  access_key: FIIX_ACCESS_KEYS.good,
  secret_key: FIIX_SECRET_KEY,
});

describe('Fiix connector', () => {
  it('signs every call: query in Fiix order, HMAC of the URL without scheme, text/plain', async () => {
    sim.clearLog();
    const out = await createConnectors({ policy: contractPolicy(), definitions: [fiix] }).validate(
      { systemId: 'fiix', authMethod: 'api_keys', values: values() },
      () => undefined,
    );
    if (!out.ok) throw new Error(JSON.stringify(out.error));
    expect(out.account).toEqual({ tenant: '127' });
    expect(sim.requests).toHaveLength(5);
    for (const r of sim.requests) {
      const q = new URLSearchParams(r.query);
      expect([...q.keys()]).toEqual([
        'action',
        'service',
        'accessKey',
        'appKey',
        'timestamp',
        'signatureVersion',
        'signatureMethod',
      ]);
      expect(Math.abs(Number(q.get('timestamp')) - Date.now())).toBeLessThan(60_000);
      const expected = createHmac('sha256', FIIX_SECRET_KEY)
        .update(`${r.headers.host}${r.path}${r.query}`)
        .digest('hex');
      expect(r.headers.authorization).toBe(expected);
      expect(r.headers['content-type']).toBe('text/plain');
    }
    expect(new URLSearchParams(sim.requests[0]!.query).get('action')).toBe('RpcRequest');
  });

  it('never sends the secret key itself', async () => {
    sim.clearLog();
    await createConnectors({ policy: contractPolicy(), definitions: [fiix] }).validate(
      { systemId: 'fiix', authMethod: 'api_keys', values: values() },
      () => undefined,
    );
    expect(JSON.stringify(sim.requests)).not.toContain(FIIX_SECRET_KEY);
  });
});
