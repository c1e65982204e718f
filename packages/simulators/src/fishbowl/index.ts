import type { SandboxHints } from '@flange/protocol';
import { startSimulator } from '../framework/simulator';
import type { Simulator, StartSimulatorOptions } from '../framework/simulator';
import { createFishbowlApp, FISHBOWL_MFA_CODE, FISHBOWL_PASSWORD } from './app';
import type { FishbowlState } from './app';

export type { FishbowlState } from './app';
export { FISHBOWL_MFA_CODE, FISHBOWL_PASSWORD, FISHBOWL_SERVER_VERSION, FISHBOWL_USERS } from './app';

export interface FishbowlSimulator extends Simulator {
  state: FishbowlState;
}

/** Start the Fishbowl Advanced simulator. */
export async function startFishbowlSimulator(
  opts: { credentialSlowMs?: number } & Omit<StartSimulatorOptions, 'name' | 'handler'> = {},
): Promise<FishbowlSimulator> {
  const { credentialSlowMs, ...framework } = opts;
  const { app, state } = createFishbowlApp(credentialSlowMs !== undefined ? { credentialSlowMs } : {});
  const sim = await startSimulator({ ...framework, name: 'fishbowl', handler: app });
  return Object.assign(sim, { state });
}

/** What the test environment shows next to the Fishbowl form. */
export function fishbowlSandboxHints(url: string): SandboxHints {
  const v = (username: string, extra: Record<string, string> = {}) => ({
    auth_method: 'password',
    instance_url: url,
    username,
    password: FISHBOWL_PASSWORD,
    ...extra,
  });
  return {
    note: `Test environment: this points at the Flange Fishbowl simulator. The MFA user's code is ${FISHBOWL_MFA_CODE}.`,
    instance_url: url,
    credentials: { password: { instance_url: url, username: 'admin', password: FISHBOWL_PASSWORD } },
    scenarios: [
      { label: 'Wrong password', values: { ...v('admin'), password: 'wrong-password' } },
      { label: 'MFA user (asks for the code)', values: v('mfa_user') },
      {
        label: `MFA user with code ${FISHBOWL_MFA_CODE}`,
        values: v('mfa_user', { mfa_code: FISHBOWL_MFA_CODE }),
      },
      { label: 'Integration waiting for approval', values: v('approval_pending') },
      { label: 'No free user licence', values: v('no_seats') },
      { label: 'Signed in, but no access to purchase orders', values: v('receiving') },
      { label: 'Slow server (times out)', values: v('slow') },
    ],
  };
}
