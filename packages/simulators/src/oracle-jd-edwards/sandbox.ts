import type { SandboxHints } from '@flange/protocol';

/** What the test environment shows next to the oracle-jd-edwards form: where the simulator is and what to type. */
export function jdeSandboxHints(url: string): SandboxHints {
  return {
    note: 'Test environment: the Flange JD Edwards AIS simulator (AIS 9.2.8.3).',
    instance_url: url,
    credentials: {
      ais_token: {
        instance_url: url,
        username: 'JDE',
        password: 'pass_good',
        environment: 'JDV920',
        role: '*ALL',
      },
    },
    scenarios: [
      {
        label: 'Wrong password (Authorization Failure)',
        values: {
          auth_method: 'ais_token',
          instance_url: url,
          username: 'JDE',
          password: 'wrong',
          environment: 'JDV920',
        },
      },
      {
        label: 'Environment not allowed',
        values: {
          auth_method: 'ais_token',
          instance_url: url,
          username: 'JDE',
          password: 'pass_good',
          environment: 'JDV999',
        },
      },
      {
        label: 'No table access',
        values: {
          auth_method: 'ais_token',
          instance_url: url,
          username: 'NOAUTH',
          password: 'pass_good',
          environment: 'JDV920',
        },
      },
      {
        label: 'Planner: work orders and assets only',
        values: {
          auth_method: 'ais_token',
          instance_url: url,
          username: 'PLANNER',
          password: 'pass_good',
          environment: 'JDV920',
        },
      },
    ],
  };
}
