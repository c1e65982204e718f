import type { SandboxHints } from '@flange/protocol';
import { startSimulator } from '../framework/simulator';
import type { Simulator, StartSimulatorOptions } from '../framework/simulator';
import { createLimbleApp, LIMBLE_REGIONS } from './app';
import type { LimbleRegion, LimbleState } from './app';

export type { LimbleRegion, LimbleState } from './app';
export { LIMBLE_CLIENTS, LIMBLE_REGIONS } from './app';

/** Limble's regional API hosts [V]. */
export const LIMBLE_HOSTS: Record<LimbleRegion, string> = {
  us: 'api.limblecmms.com',
  ca: 'ca-api.limblecmms.com',
  au: 'au-api.limblecmms.com',
  eu: 'eu-api.limblecmms.com',
  '21cfr': '21cfr-api.limblecmms.com',
};

export interface LimbleSimulator extends Simulator {
  state: LimbleState;
}

/** Start the Limble simulator (every region on one server, regions under a path prefix). */
export async function startLimbleSimulator(
  opts: { credentialSlowMs?: number } & Omit<StartSimulatorOptions, 'name' | 'handler'> = {},
): Promise<LimbleSimulator> {
  const { credentialSlowMs, ...framework } = opts;
  const { app, state } = createLimbleApp(credentialSlowMs !== undefined ? { credentialSlowMs } : {});
  const sim = await startSimulator({ ...framework, name: 'limble', handler: app });
  return Object.assign(sim, { state });
}

/** Host overrides that send each regional Limble host to its prefix on a simulator at `url`. */
export function limbleHostOverrides(url: string): Record<string, string> {
  return Object.fromEntries(LIMBLE_REGIONS.map((r) => [LIMBLE_HOSTS[r], r === 'us' ? url : `${url}/${r}`]));
}

/** What the test environment shows next to the Limble form. */
export function limbleSandboxHints(url: string): SandboxHints {
  const v = (region: string, client_id: string, client_secret: string) => ({
    auth_method: 'api_client',
    region,
    client_id,
    client_secret,
  });
  return {
    note: "Test environment: Limble's regional hosts are routed to the Flange Limble simulator.",
    instance_url: url,
    credentials: {
      api_client: { region: 'api', client_id: 'us_client_good', client_secret: 'us_secret_good' },
    },
    scenarios: [
      { label: 'Wrong client secret', values: v('api', 'us_client_good', 'wrong-secret') },
      { label: 'European keys used on the US region', values: v('api', 'eu_client_good', 'eu_secret_good') },
      { label: 'European keys on the EU region', values: v('eu-api', 'eu_client_good', 'eu_secret_good') },
      { label: 'Rate limited by Limble', values: v('api', 'us_client_throttled', 'us_secret_good') },
      { label: 'Slow server (times out)', values: v('api', 'us_client_slow', 'us_secret_good') },
    ],
  };
}
