import type { SandboxHints } from '@flange/protocol';

/** What the test environment shows next to the sap-s4hana-onprem form: where the simulator is and what to type. */
export function s4HanaOnPremSandboxHints(url: string): SandboxHints {
  return {
    note: 'Test environment: the Flange SAP Gateway simulator (client 100). Five wrong passwords lock a user, as on a real system.',
    instance_url: url,
    credentials: {
      basic: { instance_url: url, sap_client: '100', username: 'USER_GOOD', password: 'pass_good' },
    },
    scenarios: [
      {
        label: 'Wrong password (bare 401)',
        values: {
          auth_method: 'basic',
          instance_url: url,
          sap_client: '100',
          username: 'USER_PARTIAL',
          password: 'wrong',
        },
      },
      {
        label: 'Locked user (ICF_SYSTEM_LOGIN/065)',
        values: {
          auth_method: 'basic',
          instance_url: url,
          sap_client: '100',
          username: 'USER_LOCKED',
          password: 'pass_good',
        },
      },
      {
        label: 'Expired password (ICF_SYSTEM_LOGIN/016)',
        values: {
          auth_method: 'basic',
          instance_url: url,
          sap_client: '100',
          username: 'USER_EXPIRED',
          password: 'pass_good',
        },
      },
      {
        label: 'Initial password (ICF_SYSTEM_LOGIN/015)',
        values: {
          auth_method: 'basic',
          instance_url: url,
          sap_client: '100',
          username: 'USER_INITIAL',
          password: 'pass_good',
        },
      },
      {
        label: 'Unknown client',
        values: {
          auth_method: 'basic',
          instance_url: url,
          sap_client: '999',
          username: 'USER_GOOD',
          password: 'pass_good',
        },
      },
      {
        label: 'No S_SERVICE (/IWFND/CM_CONSUMER/101)',
        values: {
          auth_method: 'basic',
          instance_url: url,
          sap_client: '100',
          username: 'USER_NOAUTH',
          password: 'pass_good',
        },
      },
    ],
  };
}
