import type { SandboxHints } from '@flange/protocol';
import { startSimulator } from '../framework/simulator';
import type { Simulator, StartSimulatorOptions } from '../framework/simulator';
import { createEmaintApp, EMAINT_PASSWORD } from './app';
import type { EmaintState } from './app';

export type { EmaintState } from './app';
export { EMAINT_PASSWORD, EMAINT_USERS } from './app';

export interface EmaintSimulator extends Simulator {
  state: EmaintState;
}

/** Start the eMaint X4 simulator. */
export async function startEmaintSimulator(
  opts: { credentialSlowMs?: number } & Omit<StartSimulatorOptions, 'name' | 'handler'> = {},
): Promise<EmaintSimulator> {
  const { credentialSlowMs, ...framework } = opts;
  const { app, state } = createEmaintApp(credentialSlowMs !== undefined ? { credentialSlowMs } : {});
  const sim = await startSimulator({ ...framework, name: 'emaint', handler: app });
  return Object.assign(sim, { state });
}

/** What the test environment shows next to the eMaint form. */
export function emaintSandboxHints(url: string): SandboxHints {
  const v = (user_id: string, password = EMAINT_PASSWORD) => ({
    auth_method: 'password',
    instance_url: url,
    user_id,
    password,
  });
  return {
    note: 'Test environment: this points at the Flange eMaint X4 simulator.',
    instance_url: url,
    credentials: { password: { instance_url: url, user_id: 'flange_api', password: EMAINT_PASSWORD } },
    scenarios: [
      { label: 'Wrong password', values: v('flange_api', 'wrong-password') },
      { label: 'Locked account', values: v('locked_user') },
      { label: 'User without API access', values: v('no_api_user') },
      { label: 'Slow server (times out)', values: v('slow_user') },
    ],
  };
}
