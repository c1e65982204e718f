import type { SandboxHints } from '@flange/protocol';
import { startSimulator } from '../framework/simulator';
import type { Simulator, StartSimulatorOptions } from '../framework/simulator';
import { createUpKeepApp, UPKEEP_PASSWORD } from './app';
import type { UpKeepState } from './app';

export type { UpKeepState } from './app';
export { UPKEEP_ACCOUNTS, UPKEEP_PASSWORD } from './app';

/** UpKeep's fixed API host; development maps it to the simulator with the host override map. */
export const UPKEEP_API_HOST = 'api.onupkeep.com';

export interface UpKeepSimulator extends Simulator {
  state: UpKeepState;
}

/** Start the UpKeep simulator (session login on the fixed cloud host). */
export async function startUpKeepSimulator(
  opts: { credentialSlowMs?: number } & Omit<StartSimulatorOptions, 'name' | 'handler'> = {},
): Promise<UpKeepSimulator> {
  const { credentialSlowMs, ...framework } = opts;
  const { app, state } = createUpKeepApp(credentialSlowMs !== undefined ? { credentialSlowMs } : {});
  const sim = await startSimulator({ ...framework, name: 'upkeep', handler: app });
  return Object.assign(sim, { state });
}

/** Host overrides that send UpKeep's cloud host to a simulator at `url`. */
export function upkeepHostOverrides(url: string): Record<string, string> {
  return { [UPKEEP_API_HOST]: url };
}

/** What the test environment shows next to the UpKeep form (the host is fixed; no URL to type). */
export function upkeepSandboxHints(url: string): SandboxHints {
  const v = (email: string, password = UPKEEP_PASSWORD) => ({ auth_method: 'password', email, password });
  return {
    note: `Test environment: ${UPKEEP_API_HOST} is routed to the Flange UpKeep simulator.`,
    instance_url: url,
    credentials: { password: { email: 'admin@acme.example', password: UPKEEP_PASSWORD } },
    scenarios: [
      { label: 'Wrong password', values: v('admin@acme.example', 'wrong-password') },
      { label: 'Requester role: no access to work orders', values: v('requester@acme.example') },
      { label: 'Rate limited by UpKeep', values: v('throttled@acme.example') },
      { label: 'Slow server (times out)', values: v('slow@acme.example') },
    ],
  };
}
