import type { SandboxHints } from '@flange/protocol';
import { startSimulator } from '../framework/simulator';
import type { Simulator, StartSimulatorOptions } from '../framework/simulator';
import { createPiWebApiApp, PI_PASSWORD } from './app';
import type { PiWebApiOptions, PiWebApiState } from './app';

export type { PiWebApiOptions, PiWebApiState } from './app';
export { PI_PASSWORD, PI_PRODUCT, PI_USERS } from './app';

export interface PiWebApiSimulator extends Simulator {
  state: PiWebApiState;
}

/** Start the AVEVA PI Web API simulator (serves under `/piwebapi`). */
export async function startPiWebApiSimulator(
  opts: PiWebApiOptions & Omit<StartSimulatorOptions, 'name' | 'handler'> = {},
): Promise<PiWebApiSimulator> {
  const { credentialSlowMs, authenticationMethods, ...framework } = opts;
  const { app, state } = createPiWebApiApp({
    ...(credentialSlowMs !== undefined ? { credentialSlowMs } : {}),
    ...(authenticationMethods !== undefined ? { authenticationMethods } : {}),
  });
  const sim = await startSimulator({ ...framework, name: 'aveva-pi-web-api', handler: app });
  return Object.assign(sim, { state });
}

/** What the test environment shows next to the PI Web API form. */
export function piWebApiSandboxHints(url: string): SandboxHints {
  const instance_url = `${url}/piwebapi`;
  const v = (username: string, password = PI_PASSWORD) => ({
    auth_method: 'basic',
    instance_url,
    username,
    password,
  });
  return {
    note: 'Test environment: this points at the Flange PI Web API simulator.',
    instance_url,
    credentials: { basic: { instance_url, username: 'CORP\\svc_flange', password: PI_PASSWORD } },
    scenarios: [
      {
        label: 'Wrong password (or locked Windows account)',
        values: v('CORP\\svc_flange', 'wrong-password'),
      },
      { label: 'No PI mapping for the identity', values: v('CORP\\svc_nomap') },
      { label: 'Slow server (times out)', values: v('CORP\\svc_slow') },
    ],
  };
}
