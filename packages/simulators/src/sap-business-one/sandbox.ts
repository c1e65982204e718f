import type { SandboxHints } from '@flange/protocol';

/** What the test environment shows next to the sap-business-one form: where the simulator is and what to type. */
export function businessOneSandboxHints(url: string): SandboxHints {
  return {
    note: 'Test environment: the Flange SAP Business One Service Layer simulator, on https with a self-signed certificate like a fresh installation: trust its fingerprint when asked.',
    instance_url: url,
    credentials: {
      service_layer: {
        instance_url: url,
        company_db: 'SBODEMOUS',
        username: 'manager',
        password: 'pass_good',
      },
    },
    scenarios: [
      {
        label: 'Wrong password (-304)',
        values: {
          auth_method: 'service_layer',
          instance_url: url,
          company_db: 'SBODEMOUS',
          username: 'manager',
          password: 'wrong',
        },
      },
      {
        label: 'Wrong company database (-304)',
        values: {
          auth_method: 'service_layer',
          instance_url: url,
          company_db: 'SBODEMOXX',
          username: 'manager',
          password: 'pass_good',
        },
      },
      {
        label: 'Locked user',
        values: {
          auth_method: 'service_layer',
          instance_url: url,
          company_db: 'SBODEMOUS',
          username: 'user_locked',
          password: 'pass_good',
        },
      },
      {
        label: 'No licence',
        values: {
          auth_method: 'service_layer',
          instance_url: url,
          company_db: 'SBODEMOUS',
          username: 'user_nolicense',
          password: 'pass_good',
        },
      },
      {
        label: 'No read permission',
        values: {
          auth_method: 'service_layer',
          instance_url: url,
          company_db: 'SBODEMOUS',
          username: 'user_noauth',
          password: 'pass_good',
        },
      },
    ],
  };
}
