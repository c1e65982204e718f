import type { SandboxHints } from '@flange/protocol';

/** What the test environment shows next to the sap-s4hana-cloud form: where the simulator is and what to type. */
export function s4HanaCloudSandboxHints(url: string): SandboxHints {
  return {
    note: 'Test environment: the Flange S/4HANA Cloud simulator (communication users; XSUAA on the same server \u2014 send {sub}.authentication.{region}.hana.ondemand.com here with the host override map).',
    instance_url: url,
    credentials: {
      communication_user: { instance_url: url, username: 'user_good', password: 'pass_good' },
      xsuaa: {
        instance_url: url,
        subdomain: 'flange-sandbox',
        region: 'eu10',
        client_id: 'sb-flange!b4711',
        client_secret: 'xsuaa_secret_good',
      },
    },
    scenarios: [
      {
        label: 'Wrong password (bare 401)',
        values: {
          auth_method: 'communication_user',
          instance_url: url,
          username: 'user_good',
          password: 'wrong',
        },
      },
      {
        label: 'Locked communication user (same bare 401)',
        values: {
          auth_method: 'communication_user',
          instance_url: url,
          username: 'user_locked',
          password: 'pass_good',
        },
      },
      {
        label: 'No communication arrangement (/IWFND/CM_CONSUMER/101)',
        values: {
          auth_method: 'communication_user',
          instance_url: url,
          username: 'user_noauth',
          password: 'pass_good',
        },
      },
      {
        label: 'Only purchase orders and products arranged',
        values: {
          auth_method: 'communication_user',
          instance_url: url,
          username: 'user_partial',
          password: 'pass_good',
        },
      },
      {
        label: 'XSUAA client without roles',
        values: {
          auth_method: 'xsuaa',
          instance_url: url,
          subdomain: 'flange-sandbox',
          region: 'eu10',
          client_id: 'sb-flange-noroles!b4711',
          client_secret: 'xsuaa_secret_good',
        },
      },
    ],
  };
}
