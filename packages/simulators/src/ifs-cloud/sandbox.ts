import type { SandboxHints } from '@flange/protocol';

/** What the test environment shows next to the ifs-cloud form: where the simulator is and what to type. */
export function ifsSandboxHints(url: string): SandboxHints {
  return {
    note: 'Test environment: the Flange IFS Cloud simulator (IAM namespace acmeprod).',
    instance_url: url,
    credentials: {
      client_credentials: {
        instance_url: url,
        namespace: 'acmeprod',
        client_id: 'flange_svc',
        client_secret: 'secret_good',
      },
    },
    scenarios: [
      {
        label: 'Wrong client secret',
        values: {
          auth_method: 'client_credentials',
          instance_url: url,
          namespace: 'acmeprod',
          client_id: 'flange_svc',
          client_secret: 'wrong',
        },
      },
      {
        label: 'Service accounts not enabled',
        values: {
          auth_method: 'client_credentials',
          instance_url: url,
          namespace: 'acmeprod',
          client_id: 'flange_nosa',
          client_secret: 'secret_good',
        },
      },
      {
        label: 'Wrong namespace',
        values: {
          auth_method: 'client_credentials',
          instance_url: url,
          namespace: 'nope',
          client_id: 'flange_svc',
          client_secret: 'secret_good',
        },
      },
      {
        label: 'No permission sets',
        values: {
          auth_method: 'client_credentials',
          instance_url: url,
          namespace: 'acmeprod',
          client_id: 'flange_noperm',
          client_secret: 'secret_good',
        },
      },
    ],
  };
}
