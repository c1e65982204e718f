import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIIX_ACCESS_KEYS, FIIX_APP_KEY, FIIX_SECRET_KEY, startFiixSimulator } from './index';
import type { FiixSimulator } from './index';

let sim: FiixSimulator;
beforeAll(async () => {
  sim = await startFiixSimulator();
});
afterAll(() => sim.close());

/** Sign and send as Fiix's SDKs do. */
async function call(
  body: unknown,
  o: { accessKey?: string; appKey?: string; secret?: string; timestamp?: number } = {},
) {
  const q = new URLSearchParams({
    action: 'FindRequest',
    service: 'cmms',
    accessKey: o.accessKey ?? FIIX_ACCESS_KEYS.good,
    appKey: o.appKey ?? FIIX_APP_KEY,
    timestamp: String(o.timestamp ?? Date.now()),
    signatureVersion: '1',
    signatureMethod: 'HmacSHA256',
  });
  const url = `${sim.url}/api/?${q.toString()}`;
  const sig = createHmac('sha256', o.secret ?? FIIX_SECRET_KEY)
    .update(url.replace(/^https?:\/\//, ''))
    .digest('hex');
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', authorization: sig },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as {
      _maCn: string;
      objects?: unknown[];
      error?: { code: number; message: string };
    },
  };
}

const find = (className: string) => ({
  _maCn: 'FindRequest',
  clientVersion: { major: 2, minor: 8, patch: 1 },
  className,
  fields: 'id',
  maxObjects: 1,
});

describe('Fiix simulator', () => {
  it('accepts a correctly signed FindRequest', async () => {
    const r = await call(find('WorkOrder'));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ _maCn: 'FindResponse', totalObjects: 1 });
    expect(r.body.objects).toHaveLength(1);
  });

  it.each([
    ['wrong secret', { secret: 'macmmsaskp-wrong' }, 4012],
    ['unknown app key', { appKey: 'macmmsackp-unknown' }, 4010],
    ['revoked access key', { accessKey: FIIX_ACCESS_KEYS.revoked }, 4011],
    ['stale timestamp', { timestamp: Date.now() - 60 * 60_000 }, 4013],
    ['server clock ahead', { accessKey: FIIX_ACCESS_KEYS.clockSkew }, 4013],
  ])('refuses %s with HTTP 200 and an error object', async (_n, o, code) => {
    const r = await call(find('Asset'), o);
    expect(r.status).toBe(200);
    expect(r.body['_maCn']).toBe('FindResponse');
    expect(r.body.error?.code).toBe(code);
  });

  it('refuses a class the access key user cannot read, and throttles with code 1100', async () => {
    expect(
      (await call(find('PurchaseOrder'), { accessKey: FIIX_ACCESS_KEYS.noPermission })).body.error?.code,
    ).toBe(4030);
    expect(
      (await call(find('Asset'), { accessKey: FIIX_ACCESS_KEYS.noPermission })).body.error,
    ).toBeUndefined();
    expect((await call(find('Asset'), { accessKey: FIIX_ACCESS_KEYS.throttled })).body.error?.code).toBe(
      1100,
    );
  });

  it('signs over host and query: a tampered query fails', async () => {
    const q = `action=FindRequest&service=cmms&accessKey=${FIIX_ACCESS_KEYS.good}&appKey=${FIIX_APP_KEY}&timestamp=${Date.now()}&signatureVersion=1&signatureMethod=HmacSHA256`;
    const sig = createHmac('sha256', FIIX_SECRET_KEY)
      .update(`${sim.url.replace(/^https?:\/\//, '')}/api/?${q}`)
      .digest('hex');
    const res = await fetch(`${sim.url}/api/?${q}&extra=1`, {
      method: 'POST',
      headers: { authorization: sig },
      body: JSON.stringify(find('Asset')),
    });
    expect(((await res.json()) as { error?: { code: number } }).error?.code).toBe(4012);
  });
});
