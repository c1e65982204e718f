import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackPolicy, startRecordingServer } from '../testing/servers';
import type { RecordingServer } from '../testing/servers';
import { createGuardedFetch, createUrlGuard } from './guarded-fetch';

let s: RecordingServer;
beforeAll(async () => {
  s = await startRecordingServer({ handler: (_q, r) => r.writeHead(204, { 'x-id': '7' }).end() });
});
afterAll(() => s.close());

describe('guarded fetch and URL guard', () => {
  it('sends to an allowed address and refuses a private one', async () => {
    const send = createGuardedFetch({ policy: loopbackPolicy({ allowedNetworks: ['127.0.0.1/32'] }) });
    const res = await send(`${s.url}/hook`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('x-id')).toBe('7');
    const strict = createGuardedFetch({ policy: loopbackPolicy() });
    await expect(strict(`${s.url}/hook`, { method: 'POST', body: '{}' })).rejects.toMatchObject({
      kind: 'address_blocked',
    });
    expect(s.requests.length).toBe(1);
  });

  it('the guard answers null or a safe reason', async () => {
    const guard = createUrlGuard({
      policy: loopbackPolicy(),
      lookup: async () => [{ address: '93.184.216.34', family: 4 }],
    });
    expect(await guard('http://example.com/hook')).toBeNull();
    expect(await guard('http://169.254.169.254/')).toBe('The address is on a private or reserved network.');
    expect(await guard('ftp://example.com/')).toBe('The address is not a valid http(s) URL.');
  });
});
