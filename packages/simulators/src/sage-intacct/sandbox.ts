import type { SandboxHints } from '@flange/protocol';

/** What the test environment shows next to the sage-intacct form: where the simulator is and what to type. */
export function intacctSandboxHints(url: string): SandboxHints {
  return {
    note: 'Test environment: the Flange Sage Intacct simulator answers for api.intacct.com (host override map). Every answer is HTTP 200; the outcome is in the XML.',
    instance_url: url,
    credentials: {
      web_services: {
        sender_id: 'flange_sender',
        sender_password: 'sender_pw_good',
        company_id: 'ACME',
        user_id: 'ws_user',
        user_password: 'pass_good',
      },
    },
    scenarios: [
      {
        label: 'Wrong sender password',
        values: {
          auth_method: 'web_services',
          sender_id: 'flange_sender',
          sender_password: 'wrong',
          company_id: 'ACME',
          user_id: 'ws_user',
          user_password: 'pass_good',
        },
      },
      {
        label: 'Sender not authorized for the company (XL03000006)',
        values: {
          auth_method: 'web_services',
          sender_id: 'flange_sender',
          sender_password: 'sender_pw_good',
          company_id: 'ACME-NOAUTH',
          user_id: 'ws_user',
          user_password: 'pass_good',
        },
      },
      {
        label: 'Wrong user password',
        values: {
          auth_method: 'web_services',
          sender_id: 'flange_sender',
          sender_password: 'sender_pw_good',
          company_id: 'ACME',
          user_id: 'ws_user',
          user_password: 'wrong',
        },
      },
      {
        label: 'Locked user',
        values: {
          auth_method: 'web_services',
          sender_id: 'flange_sender',
          sender_password: 'sender_pw_good',
          company_id: 'ACME',
          user_id: 'ws_locked',
          user_password: 'pass_good',
        },
      },
      {
        label: 'Rate limited (GW-0010)',
        values: {
          auth_method: 'web_services',
          sender_id: 'flange_sender',
          sender_password: 'sender_pw_good',
          company_id: 'ACME',
          user_id: 'ws_throttled',
          user_password: 'pass_good',
        },
      },
    ],
  };
}
