import type { SandboxHints } from '@flange/protocol';

/** What the test environment shows next to the epicor-kinetic form: where the simulator is and what to type. */
export function epicorSandboxHints(url: string): SandboxHints {
  return {
    note: 'Test environment: the Flange Epicor Kinetic simulator (instance KineticLive, company EPIC06).',
    instance_url: url,
    credentials: {
      basic_api_key: {
        instance_url: `${url}/KineticLive`,
        company: 'EPIC06',
        username: 'manager',
        password: 'pass_good',
        api_key: 'epicor-key-good',
      },
    },
    scenarios: [
      {
        label: 'Missing or wrong API key',
        values: {
          auth_method: 'basic_api_key',
          instance_url: `${url}/KineticLive`,
          company: 'EPIC06',
          username: 'manager',
          password: 'pass_good',
          api_key: 'wrong-key',
        },
      },
      {
        label: 'Expired API key',
        values: {
          auth_method: 'basic_api_key',
          instance_url: `${url}/KineticLive`,
          company: 'EPIC06',
          username: 'manager',
          password: 'pass_good',
          api_key: 'epicor-key-expired',
        },
      },
      {
        label: 'Wrong password',
        values: {
          auth_method: 'basic_api_key',
          instance_url: `${url}/KineticLive`,
          company: 'EPIC06',
          username: 'manager',
          password: 'wrong',
          api_key: 'epicor-key-good',
        },
      },
      {
        label: 'Locked user',
        values: {
          auth_method: 'basic_api_key',
          instance_url: `${url}/KineticLive`,
          company: 'EPIC06',
          username: 'user_locked',
          password: 'pass_good',
          api_key: 'epicor-key-good',
        },
      },
      {
        label: 'All licences in use',
        values: {
          auth_method: 'basic_api_key',
          instance_url: `${url}/KineticLive`,
          company: 'EPIC06',
          username: 'user_nolicense',
          password: 'pass_good',
          api_key: 'epicor-key-good',
        },
      },
      {
        label: 'Company not allowed',
        values: {
          auth_method: 'basic_api_key',
          instance_url: `${url}/KineticLive`,
          company: 'NOPE',
          username: 'manager',
          password: 'pass_good',
          api_key: 'epicor-key-good',
        },
      },
    ],
  };
}
