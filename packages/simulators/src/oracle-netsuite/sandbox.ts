import type { SandboxHints } from '@flange/protocol';

/** What the test environment shows next to the oracle-netsuite form: where the simulator is and what to type. */
export function netSuiteSandboxHints(url: string): SandboxHints {
  return {
    note: 'Test environment: the Flange NetSuite simulator answers for rest.netsuite.com and <account>.suitetalk.api.netsuite.com (host override map). Every login failure is INVALID_LOGIN; the simulator keeps the Login Audit Trail.',
    instance_url: url,
    credentials: {
      tba: {
        account_id: '1234567',
        consumer_key: 'ck_good',
        consumer_secret: 'cs_good',
        token_id: 'tk_good',
        token_secret: 'ts_good',
      },
    },
    scenarios: [
      {
        label: 'Wrong token secret (InvalidSignature)',
        values: {
          auth_method: 'tba',
          account_id: '1234567',
          consumer_key: 'ck_good',
          consumer_secret: 'cs_good',
          token_id: 'tk_good',
          token_secret: 'wrong',
        },
      },
      {
        label: 'Revoked token',
        values: {
          auth_method: 'tba',
          account_id: '1234567',
          consumer_key: 'ck_good',
          consumer_secret: 'cs_good',
          token_id: 'tk_revoked',
          token_secret: 'ts_good',
        },
      },
      {
        label: 'TBA feature disabled',
        values: {
          auth_method: 'tba',
          account_id: '7654321',
          consumer_key: 'ck_good',
          consumer_secret: 'cs_good',
          token_id: 'tk_good',
          token_secret: 'ts_good',
        },
      },
      {
        label: 'Role without permissions',
        values: {
          auth_method: 'tba',
          account_id: '1234567',
          consumer_key: 'ck_good',
          consumer_secret: 'cs_good',
          token_id: 'tk_noperm',
          token_secret: 'ts_good',
        },
      },
      {
        label: 'Unknown account',
        values: {
          auth_method: 'tba',
          account_id: '999999',
          consumer_key: 'ck_good',
          consumer_secret: 'cs_good',
          token_id: 'tk_good',
          token_secret: 'ts_good',
        },
      },
    ],
  };
}
