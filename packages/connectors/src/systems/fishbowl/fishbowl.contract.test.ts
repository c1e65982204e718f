import { FISHBOWL_MFA_CODE, FISHBOWL_PASSWORD, startFishbowlSimulator } from '@flange/simulators';
import { runConnectorContract } from '../../testing';
import { fishbowl } from './definition';

const login =
  (username: string, extra: Record<string, string> = {}) =>
  (url: string) => ({ instance_url: url, username, password: FISHBOWL_PASSWORD, ...extra });

runConnectorContract({
  systemId: 'fishbowl',
  definitions: [fishbowl],
  async start() {
    const sim = await startFishbowlSimulator({ credentialSlowMs: 60_000 });
    return {
      url: sim.url,
      authAttempts: () => sim.state.authAttempts,
      logouts: () => sim.state.logouts,
      openSessions: () => sim.state.openSessions,
      reset: () => sim.state.reset(),
      close: () => sim.close(),
    };
  },
  good: [
    {
      authMethod: 'password',
      values: login('admin'),
      user: 'admin',
      entities: ['inventory_items', 'purchase_orders'],
    },
    {
      authMethod: 'password',
      values: login('mfa_user', { mfa_code: FISHBOWL_MFA_CODE }),
      user: 'mfa_user',
      entities: ['inventory_items', 'purchase_orders'],
    },
  ],
  failures: [
    {
      name: 'wrong password (401)',
      authMethod: 'password',
      values: login('admin', { password: 'wrong-password' }),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'password',
    },
    {
      name: 'MFA user without a code (401 + MFA: Required)',
      authMethod: 'password',
      values: login('mfa_user'),
      code: 'MFA_REQUIRED',
      step: 'authenticate',
      param: 'mfa_code',
      guidance: true,
    },
    {
      name: 'MFA user with a wrong code',
      authMethod: 'password',
      values: login('mfa_user', { mfa_code: '000000' }),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'mfa_code',
    },
    {
      name: 'first login of the integration waits for approval',
      authMethod: 'password',
      values: login('approval_pending'),
      code: 'APPROVAL_PENDING',
      step: 'authenticate',
      param: null,
      guidance: true,
    },
    {
      name: 'no free user licence',
      authMethod: 'password',
      values: login('no_seats'),
      code: 'LICENSE_LIMIT',
      step: 'authenticate',
      param: null,
      guidance: true,
    },
    {
      name: 'no access to purchase orders (logout still runs)',
      authMethod: 'password',
      values: login('receiving'),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authorize',
      param: null,
      guidance: true,
    },
  ],
});
