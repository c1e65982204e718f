import type { SandboxHints } from '@flange/protocol';

/** What the test environment shows next to the oracle-fusion-cloud form: where the simulator is and what to type. */
export function fusionSandboxHints(url: string): SandboxHints {
  return {
    note: 'Test environment: the Flange Oracle Fusion simulator.',
    instance_url: url,
    credentials: { basic: { instance_url: url, username: 'user.good@acme.com', password: 'pass_good' } },
    scenarios: [
      {
        label: 'Wrong password',
        values: {
          auth_method: 'basic',
          instance_url: url,
          username: 'user.good@acme.com',
          password: 'wrong',
        },
      },
      {
        label: 'Locked user (same 401)',
        values: {
          auth_method: 'basic',
          instance_url: url,
          username: 'user.locked@acme.com',
          password: 'pass_good',
        },
      },
      {
        label: 'No REST roles',
        values: {
          auth_method: 'basic',
          instance_url: url,
          username: 'user.noroles@acme.com',
          password: 'pass_good',
        },
      },
      {
        label: 'Buyer without maintenance access',
        values: {
          auth_method: 'basic',
          instance_url: url,
          username: 'user.buyer@acme.com',
          password: 'pass_good',
        },
      },
    ],
  };
}
