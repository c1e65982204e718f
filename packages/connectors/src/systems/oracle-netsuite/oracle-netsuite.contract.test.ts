import { startNetSuiteSimulator } from '@flange/simulators';
import type { NetSuiteSimulator } from '@flange/simulators';
import { describe, expect, it } from 'vitest';
import { createConnectors } from '../../connectors';
import { contractPolicy, runConnectorContract } from '../../testing';
import { tbaHeader } from './tba-signature';

const HOSTS = [
  'rest.netsuite.com',
  '1234567.suitetalk.api.netsuite.com',
  '1234567-sb1.suitetalk.api.netsuite.com',
  '7654321.suitetalk.api.netsuite.com',
];
const tba =
  (token_id: string, token_secret = 'ts_good', account_id = '1234567', consumer_key = 'ck_good') =>
  () => ({
    account_id,
    consumer_key,
    consumer_secret: 'cs_good',
    token_id,
    token_secret,
  });

let sim: NetSuiteSimulator;
const hostOverrides: Record<string, string> = {};
runConnectorContract({
  systemId: 'oracle-netsuite',
  async start() {
    sim = await startNetSuiteSimulator();
    for (const h of HOSTS) hostOverrides[h] = sim.url;
    return {
      url: sim.url,
      authAttempts: () => sim.hits((r) => r.headers.authorization !== undefined),
      reset: () => sim.reset(),
      close: () => sim.close(),
    };
  },
  policy: { hostOverrides },
  good: [
    {
      authMethod: 'tba',
      values: tba('tk_good'),
      entities: ['purchase_orders', 'inventory_items', 'work_orders'],
    },
  ],
  failures: [
    {
      name: 'wrong token secret (audit trail: InvalidSignature)',
      authMethod: 'tba',
      values: tba('tk_good', 'wrong-secret'),
      code: 'LOGIN_FAILED',
      step: 'authenticate',
      param: null,
      upstreamCode: 'INVALID_LOGIN',
      guidance: true,
      possibleCauses: true,
    },
    {
      name: 'revoked token (audit trail: TokenRejected)',
      authMethod: 'tba',
      values: tba('tk_revoked'),
      code: 'LOGIN_FAILED',
      step: 'authenticate',
      param: null,
      upstreamCode: 'INVALID_LOGIN',
      possibleCauses: true,
    },
    {
      name: 'blocked integration (consumer_key_refused)',
      authMethod: 'tba',
      values: tba('tk_blocked', 'ts_good', '1234567', 'ck_blocked'),
      code: 'LOGIN_FAILED',
      step: 'authenticate',
      param: null,
      possibleCauses: true,
    },
    {
      name: 'TBA feature disabled (FeatureDisabled)',
      authMethod: 'tba',
      values: tba('tk_good', 'ts_good', '7654321'),
      code: 'LOGIN_FAILED',
      step: 'authenticate',
      param: null,
      possibleCauses: true,
    },
    {
      name: 'unknown account ID',
      authMethod: 'tba',
      values: tba('tk_good', 'ts_good', '999999'),
      code: 'INVALID_CREDENTIALS',
      step: 'resolve',
      param: 'account_id',
      authAttempts: 0,
    },
    {
      name: 'role without record permissions',
      authMethod: 'tba',
      values: tba('tk_noperm'),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authorize',
      param: null,
      upstreamCode: 'INSUFFICIENT_PERMISSION',
      guidance: true,
    },
    {
      name: 'concurrency limit',
      authMethod: 'tba',
      values: tba('tk_throttled'),
      code: 'UPSTREAM_RATE_LIMITED',
      step: 'authorize',
      param: null,
      upstreamCode: 'CONCURRENCY_LIMIT_EXCEEDED',
    },
  ],
});

describe('oracle-netsuite details', () => {
  it('puts the real reason only in the simulator’s audit trail, never in what the user sees', async () => {
    const s = await startNetSuiteSimulator();
    try {
      const connectors = createConnectors({
        policy: contractPolicy({ hostOverrides: Object.fromEntries(HOSTS.map((h) => [h, s.url])) }),
      });
      const out = await connectors.validate(
        { systemId: 'oracle-netsuite', authMethod: 'tba', values: tba('tk_good', 'wrong-secret')() },
        () => undefined,
      );
      expect(out.ok).toBe(false);
      expect(s.auditTrail.at(-1)?.detail).toBe('InvalidSignature');
    } finally {
      await s.close();
    }
  });

  it('reports CLOCK_SKEW when NetSuite’s clock is far from ours', async () => {
    const s = await startNetSuiteSimulator({ clockOffsetMs: 20 * 60_000 });
    try {
      const connectors = createConnectors({
        policy: contractPolicy({ hostOverrides: Object.fromEntries(HOSTS.map((h) => [h, s.url])) }),
      });
      const out = await connectors.validate(
        { systemId: 'oracle-netsuite', authMethod: 'tba', values: tba('tk_good')() },
        () => undefined,
      );
      expect(out.ok ? null : out.error.code).toBe('CLOCK_SKEW');
      expect(s.auditTrail.at(-1)?.detail).toBe('InvalidTimestamp');
    } finally {
      await s.close();
    }
  });

  it('signs with the RFC 5849 base string (known vector: fixed nonce and time give a stable header)', () => {
    const c = {
      account: '1234567',
      consumerKey: 'ck',
      consumerSecret: 'cs',
      tokenId: 'tk',
      tokenSecret: 'ts',
    };
    const a = tbaHeader(
      {
        method: 'GET',
        url: 'https://1234567.suitetalk.api.netsuite.com/services/rest/record/v1/item?limit=1',
      },
      c,
      1_700_000_000_000,
      'n1',
    );
    const b = tbaHeader(
      {
        method: 'GET',
        url: 'https://1234567.suitetalk.api.netsuite.com/services/rest/record/v1/item?limit=1',
      },
      c,
      1_700_000_000_000,
      'n1',
    );
    expect(a).toBe(b);
    expect(a).toMatch(
      /^OAuth realm="1234567", oauth_consumer_key="ck", oauth_nonce="n1", oauth_signature_method="HMAC-SHA256", oauth_timestamp="1700000000", oauth_token="tk", oauth_version="1.0", oauth_signature="[A-Za-z0-9%]+"$/,
    );
    const other = tbaHeader(
      {
        method: 'GET',
        url: 'https://1234567.suitetalk.api.netsuite.com/services/rest/record/v1/item?limit=2',
      },
      c,
      1_700_000_000_000,
      'n1',
    );
    expect(other).not.toBe(a);
  });
});
