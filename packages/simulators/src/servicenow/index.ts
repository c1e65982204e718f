import type { SandboxHints } from '@flange/protocol';
import { startSimulator } from '../framework/simulator';
import type { Simulator, StartSimulatorOptions } from '../framework/simulator';
import { createServiceNowApp, SERVICENOW_PASSWORD } from './app';
import type { ServiceNowOptions, ServiceNowState } from './app';

export type { ServiceNowOptions, ServiceNowState } from './app';
export { REST_ROLE, SERVICENOW_PASSWORD, SERVICENOW_USERS } from './app';

export interface ServiceNowSimulator extends Simulator {
  state: ServiceNowState;
}

/** Start the ServiceNow simulator (Table API with Basic authentication). */
export async function startServiceNowSimulator(
  opts: ServiceNowOptions & Omit<StartSimulatorOptions, 'name' | 'handler'> = {},
): Promise<ServiceNowSimulator> {
  const { credentialSlowMs, hibernating, ...framework } = opts;
  const { app, state } = createServiceNowApp({
    ...(credentialSlowMs !== undefined ? { credentialSlowMs } : {}),
    ...(hibernating !== undefined ? { hibernating } : {}),
  });
  const sim = await startSimulator({ ...framework, name: 'servicenow', handler: app });
  return Object.assign(sim, { state });
}

/** What the test environment shows next to the ServiceNow form. */
export function servicenowSandboxHints(url: string): SandboxHints {
  const v = (username: string, password = SERVICENOW_PASSWORD) => ({
    auth_method: 'basic',
    instance_url: url,
    username,
    password,
  });
  return {
    note: 'Test environment: this points at the Flange ServiceNow simulator.',
    instance_url: url,
    credentials: {
      basic: { instance_url: url, username: 'flange.integration', password: SERVICENOW_PASSWORD },
    },
    scenarios: [
      { label: 'Wrong password', values: v('flange.integration', 'wrong-password') },
      { label: 'Locked-out user (same 401 as a wrong password)', values: v('locked.out') },
      { label: 'Missing role snc_platform_rest_api_access', values: v('no.rest.role') },
      { label: 'Signed in, but no read access to assets', values: v('no.asset.role') },
      { label: 'Rate limited by the instance', values: v('throttled') },
      { label: 'Slow server (times out)', values: v('slow') },
    ],
  };
}
