import type { SandboxHints } from '@flange/protocol';
import { startSimulator } from '../framework/simulator';
import type { Simulator, StartSimulatorOptions } from '../framework/simulator';
import { createMaintainXApp } from './app';
import type { MaintainXState } from './app';

export type { MaintainXState } from './app';
export { MAINTAINX_KEYS } from './app';

/** MaintainX's fixed API host; development maps it to the simulator with the host override map. */
export const MAINTAINX_API_HOST = 'api.getmaintainx.com';

export interface MaintainXSimulator extends Simulator {
  state: MaintainXState;
}

/** Start the MaintainX simulator. */
export async function startMaintainXSimulator(
  opts: { credentialSlowMs?: number } & Omit<StartSimulatorOptions, 'name' | 'handler'> = {},
): Promise<MaintainXSimulator> {
  const { credentialSlowMs, ...framework } = opts;
  const { app, state } = createMaintainXApp(credentialSlowMs !== undefined ? { credentialSlowMs } : {});
  const sim = await startSimulator({ ...framework, name: 'maintainx', handler: app });
  return Object.assign(sim, { state });
}

/** Host overrides that send MaintainX's cloud host to a simulator at `url`. */
export function maintainxHostOverrides(url: string): Record<string, string> {
  return { [MAINTAINX_API_HOST]: url };
}

/** What the test environment shows next to the MaintainX form. */
export function maintainxSandboxHints(url: string): SandboxHints {
  const v = (api_key: string, organization_id?: string) => ({
    auth_method: 'api_key',
    api_key,
    ...(organization_id !== undefined ? { organization_id } : {}),
  });
  return {
    note: `Test environment: ${MAINTAINX_API_HOST} is routed to the Flange MaintainX simulator.`,
    instance_url: url,
    credentials: { api_key: { api_key: 'mx_good_key' } },
    scenarios: [
      { label: 'Unknown or deleted key', values: v('mx_deleted_key') },
      { label: 'Multi-organization key without an organization ID', values: v('mx_multi_org_key') },
      { label: 'Multi-organization key with organization 51877', values: v('mx_multi_org_key', '51877') },
      { label: 'Plan without API access', values: v('mx_no_api_plan_key') },
      { label: 'Rate limited by MaintainX', values: v('mx_throttled_key') },
      { label: 'Slow server (times out)', values: v('mx_slow_key') },
    ],
  };
}
