import type { SandboxHints } from '@flange/protocol';
import { startSimulator } from '../framework/simulator';
import type { Simulator, StartSimulatorOptions } from '../framework/simulator';
import { createSamsaraApp } from './app';
import type { SamsaraState } from './app';

export type { SamsaraState } from './app';
export { SAMSARA_TOKENS } from './app';

/** Samsara's cloud hosts [K]. */
export const SAMSARA_HOSTS = { us: 'api.samsara.com', eu: 'api.eu.samsara.com' } as const;

export interface SamsaraSimulator extends Simulator {
  state: SamsaraState;
}

/** Start the Samsara simulator (US cloud at the root, EU cloud under `/eu`). */
export async function startSamsaraSimulator(
  opts: { credentialSlowMs?: number } & Omit<StartSimulatorOptions, 'name' | 'handler'> = {},
): Promise<SamsaraSimulator> {
  const { credentialSlowMs, ...framework } = opts;
  const { app, state } = createSamsaraApp(credentialSlowMs !== undefined ? { credentialSlowMs } : {});
  const sim = await startSimulator({ ...framework, name: 'samsara', handler: app });
  return Object.assign(sim, { state });
}

/** Host overrides that send Samsara's cloud hosts to a simulator at `url`. */
export function samsaraHostOverrides(url: string): Record<string, string> {
  return { [SAMSARA_HOSTS.us]: url, [SAMSARA_HOSTS.eu]: `${url}/eu` };
}

/** What the test environment shows next to the Samsara form. */
export function samsaraSandboxHints(url: string): SandboxHints {
  const v = (api_token: string, region: string = SAMSARA_HOSTS.us) => ({
    auth_method: 'api_token',
    region,
    api_token,
  });
  return {
    note: `Test environment: ${SAMSARA_HOSTS.us} and ${SAMSARA_HOSTS.eu} are routed to the Flange Samsara simulator.`,
    instance_url: url,
    credentials: {
      api_token: { region: SAMSARA_HOSTS.us, api_token: 'samsara_api_GOODtoken0000000000000000' },
    },
    scenarios: [
      { label: 'Unknown or revoked token', values: v('samsara_api_REVOKED00000000000000000') },
      { label: 'EU token used on the US cloud', values: v('samsara_api_EUgoodtoken00000000000000') },
      {
        label: 'Token without the Read Vehicles permission',
        values: v('samsara_api_NOVEHICLES000000000000000'),
      },
      { label: 'Rate limited by Samsara', values: v('samsara_api_THROTTLED0000000000000000') },
      { label: 'Slow server (times out)', values: v('samsara_api_SLOW000000000000000000000') },
    ],
  };
}
