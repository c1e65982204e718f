import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/test-fetch';
import { startNetSuiteSimulator } from './simulator';
import type { NetSuiteSimulator } from './simulator';

let sim: NetSuiteSimulator;
beforeAll(async () => {
  sim = await startNetSuiteSimulator();
});
afterAll(() => sim.close());

const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** An independent RFC 5849 signer (the simulator verifies with the oauth-1.0a library). */
function sign(
  url: string,
  account: string,
  ck: string,
  cs: string,
  tk: string,
  ts: string,
  opts: { timestamp?: number; nonce?: string } = {},
) {
  const u = new URL(url);
  const oauth: Record<string, string> = {
    oauth_consumer_key: ck,
    oauth_nonce: opts.nonce ?? randomBytes(12).toString('hex'),
    oauth_signature_method: 'HMAC-SHA256',
    oauth_timestamp: String(opts.timestamp ?? Math.floor(Date.now() / 1000)),
    oauth_token: tk,
    oauth_version: '1.0',
  };
  const params = [...u.searchParams.entries(), ...Object.entries(oauth)]
    .map(([k, v]) => [enc(k), enc(v)])
    .sort((a, b) => (a[0] === b[0] ? (a[1]! < b[1]! ? -1 : 1) : a[0]! < b[0]! ? -1 : 1));
  const base = [
    'GET',
    enc(`${u.origin}${u.pathname}`),
    enc(params.map(([k, v]) => `${k}=${v}`).join('&')),
  ].join('&');
  const signature = createHmac('sha256', `${enc(cs)}&${enc(ts)}`)
    .update(base)
    .digest('base64');
  const header = `OAuth realm="${account}", ${Object.entries({ ...oauth, oauth_signature: signature })
    .map(([k, v]) => `${k}="${enc(v)}"`)
    .join(', ')}`;
  return { authorization: header };
}

const record = (type: string) => `${sim.url}/services/rest/record/v1/${type}?limit=1`;

describe('NetSuite simulator', () => {
  it('discovers the data-centre domains of an account, and refuses an unknown one', async () => {
    const r = await call(`${sim.url}/rest/datacenterurls?account=1234567_SB1`);
    expect(r.json.webservicesDomain).toBe('https://1234567-sb1.suitetalk.api.netsuite.com');
    expect((await call(`${sim.url}/rest/datacenterurls?account=999`)).status).toBe(400);
  });

  it('answers a correctly signed request with one record', async () => {
    const r = await call(record('purchaseOrder'), {
      headers: sign(record('purchaseOrder'), '1234567', 'ck_good', 'cs_good', 'tk_good', 'ts_good'),
    });
    expect(r.status).toBe(200);
    expect(r.json.items?.[0]?.id).toBe('101');
    expect(sim.auditTrail.at(-1)).toEqual({ account: '1234567', status: 'Success', detail: '' });
  });

  it.each([
    ['wrong token secret', '1234567', 'ck_good', 'cs_good', 'tk_good', 'nope', {}, 'InvalidSignature'],
    [
      'stale timestamp',
      '1234567',
      'ck_good',
      'cs_good',
      'tk_good',
      'ts_good',
      { timestamp: Math.floor(Date.now() / 1000) - 900 },
      'InvalidTimestamp',
    ],
    [
      'unknown consumer key',
      '1234567',
      'ck_nope',
      'cs_good',
      'tk_good',
      'ts_good',
      {},
      'consumer_key_unknown',
    ],
    [
      'blocked integration',
      '1234567',
      'ck_blocked',
      'cs_good',
      'tk_blocked',
      'ts_good',
      {},
      'consumer_key_refused',
    ],
    ['revoked token', '1234567', 'ck_good', 'cs_good', 'tk_revoked', 'ts_good', {}, 'TokenRejected'],
    ['disabled role', '1234567', 'ck_good', 'cs_good', 'tk_disabled', 'ts_good', {}, 'EntityOrRoleDisabled'],
    ['TBA feature off', '7654321', 'ck_good', 'cs_good', 'tk_good', 'ts_good', {}, 'FeatureDisabled'],
  ])(
    '%s → the same INVALID_LOGIN, the reason only in the audit trail',
    async (_n, account, ck, cs, tk, ts, o, detail) => {
      const r = await call(record('purchaseOrder'), {
        headers: sign(record('purchaseOrder'), account, ck, cs, tk, ts, o),
      });
      expect(r.status).toBe(401);
      expect(r.json['o:errorDetails']?.[0]?.['o:errorCode']).toBe('INVALID_LOGIN');
      expect(r.headers.get('www-authenticate')).toContain('error_description="Invalid login attempt."');
      expect(sim.auditTrail.at(-1)?.detail).toBe(detail);
    },
  );

  it('refuses a replayed nonce', async () => {
    const h = sign(record('purchaseOrder'), '1234567', 'ck_good', 'cs_good', 'tk_good', 'ts_good', {
      nonce: 'fixed-nonce-1',
    });
    expect((await call(record('purchaseOrder'), { headers: h })).status).toBe(200);
    expect((await call(record('purchaseOrder'), { headers: h })).status).toBe(401);
    expect(sim.auditTrail.at(-1)?.detail).toBe('nonce_used');
  });

  it('answers 403 INSUFFICIENT_PERMISSION naming the permission, and 429 when throttled', async () => {
    const r = await call(record('inventoryItem'), {
      headers: sign(record('inventoryItem'), '1234567', 'ck_good', 'cs_good', 'tk_noperm', 'ts_good'),
    });
    expect(r.status).toBe(403);
    expect(r.json['o:errorDetails']?.[0]?.detail).toContain("'Lists -> Items'");
    const t = await call(record('purchaseOrder'), {
      headers: sign(record('purchaseOrder'), '1234567', 'ck_good', 'cs_good', 'tk_throttled', 'ts_good'),
    });
    expect(t.status).toBe(429);
  });
});
