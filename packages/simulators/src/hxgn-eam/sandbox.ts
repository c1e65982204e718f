import type { SandboxHints } from '@flange/protocol';

/** What the test environment shows next to the hxgn-eam form: where the simulator is and what to type. */
export function hxgnEamSandboxHints(url: string): SandboxHints {
  return {
    note: 'Test environment: the Flange HxGN EAM simulator (tenant ACME_PRD, organizations PLANT1 and PLANT2). Its request and error shapes are guesses where public documentation is silent.',
    instance_url: url,
    credentials: {
      basic: {
        instance_url: url,
        tenant: 'ACME_PRD',
        organization: 'PLANT1',
        username: 'USER_GOOD',
        password: 'pass_good',
      },
      api_key: { instance_url: url, tenant: 'ACME_PRD', organization: 'PLANT1', api_key: 'eam-key-good' },
    },
    scenarios: [
      {
        label: 'Wrong password',
        values: {
          auth_method: 'basic',
          instance_url: url,
          tenant: 'ACME_PRD',
          organization: 'PLANT1',
          username: 'USER_GOOD',
          password: 'wrong',
        },
      },
      {
        label: 'Locked user',
        values: {
          auth_method: 'basic',
          instance_url: url,
          tenant: 'ACME_PRD',
          organization: 'PLANT1',
          username: 'USER_LOCKED',
          password: 'pass_good',
        },
      },
      {
        label: 'Expired password',
        values: {
          auth_method: 'basic',
          instance_url: url,
          tenant: 'ACME_PRD',
          organization: 'PLANT1',
          username: 'USER_EXPIRED',
          password: 'pass_good',
        },
      },
      {
        label: 'Wrong tenant',
        values: {
          auth_method: 'basic',
          instance_url: url,
          tenant: 'ACME_XXX',
          organization: 'PLANT1',
          username: 'USER_GOOD',
          password: 'pass_good',
        },
      },
      {
        label: 'Wrong organization',
        values: {
          auth_method: 'basic',
          instance_url: url,
          tenant: 'ACME_PRD',
          organization: 'NOPE',
          username: 'USER_GOOD',
          password: 'pass_good',
        },
      },
      {
        label: 'Expired API key',
        values: {
          auth_method: 'api_key',
          instance_url: url,
          tenant: 'ACME_PRD',
          organization: 'PLANT1',
          api_key: 'eam-key-expired',
        },
      },
    ],
  };
}
