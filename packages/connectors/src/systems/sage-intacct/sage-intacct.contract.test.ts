import { startIntacctSimulator } from '@flange/simulators';
import type { IntacctSimulator } from '@flange/simulators';
import { runConnectorContract } from '../../testing';

const hostOverrides: Record<string, string> = {};
const v =
  (user_id: string, user_password = 'pass_good', company_id = 'ACME', sender_password = 'sender_pw_good') =>
  () => ({
    sender_id: 'flange_sender',
    sender_password,
    company_id,
    user_id,
    user_password,
  });

let sim: IntacctSimulator;
runConnectorContract({
  systemId: 'sage-intacct',
  async start() {
    sim = await startIntacctSimulator();
    hostOverrides['api.intacct.com'] = sim.url;
    return {
      url: sim.url,
      // Every gateway call carries the sender password; the login is the getAPISession call.
      authAttempts: () => sim.hits((r) => r.path === '/ia/xml/xmlgw.phtml'),
      reset: () => sim.reset(),
      close: () => sim.close(),
    };
  },
  policy: { hostOverrides },
  good: [
    {
      authMethod: 'web_services',
      values: v('ws_user'),
      user: 'ws_user',
      entities: ['purchase_orders', 'items', 'vendors'],
    },
  ],
  failures: [
    {
      name: 'wrong sender password (control failure, XL03000006)',
      authMethod: 'web_services',
      values: v('ws_user', 'pass_good', 'ACME', 'wrong-sender-pw'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'sender_password',
      upstreamCode: 'XL03000006',
    },
    {
      name: 'sender not authorized for the company',
      authMethod: 'web_services',
      values: v('ws_user', 'pass_good', 'ACME-NOAUTH'),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authenticate',
      param: 'sender_id',
      upstreamCode: 'XL03000006',
      guidance: true,
    },
    {
      name: 'wrong user password (Sign-in information is incorrect)',
      authMethod: 'web_services',
      values: v('ws_user', 'wrong-password'),
      code: 'LOGIN_FAILED',
      step: 'authenticate',
      param: 'user_password',
      guidance: true,
      possibleCauses: true,
    },
    {
      name: 'locked user',
      authMethod: 'web_services',
      values: v('ws_locked'),
      code: 'ACCOUNT_LOCKED',
      step: 'authenticate',
      param: 'user_id',
    },
    {
      name: 'rate limited (GW-0010 inside HTTP 200)',
      authMethod: 'web_services',
      values: v('ws_throttled'),
      code: 'UPSTREAM_RATE_LIMITED',
      step: 'authenticate',
      param: null,
      upstreamCode: 'GW-0010',
    },
    {
      name: 'no permission for purchase orders',
      authMethod: 'web_services',
      values: v('ws_noperm'),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authorize',
      param: null,
      guidance: true,
    },
  ],
});
