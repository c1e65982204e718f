import { startSimulator } from '../framework/simulator';
import type { Simulator, StartSimulatorOptions } from '../framework/simulator';
import { createMaximoApp } from './app';
import type { MaximoSimulatorOptions, MaximoState } from './app';

export type { MaximoSimulatorOptions, MaximoState } from './app';
export {
  API_KEYS as MAXIMO_API_KEYS,
  NATIVE_USERS as MAXIMO_NATIVE_USERS,
  OBJECT_STRUCTURES as MAXIMO_OBJECT_STRUCTURES,
} from './data';
export { maximoSandboxHints } from './sandbox';

/** A running Maximo simulator: the framework's handle plus Maximo's own state (sessions, blocks, admin mode). */
export interface MaximoSimulator extends Simulator {
  state: MaximoState;
}

/** Start the IBM Maximo simulator (MAS Manage API keys and 7.6 native maxauth on one instance). */
export async function startMaximoSimulator(
  opts: MaximoSimulatorOptions & Omit<StartSimulatorOptions, 'name' | 'handler'> = {},
): Promise<MaximoSimulator> {
  const { ipBlock, credentialSlowMs, ...framework } = opts;
  const { app, state } = createMaximoApp({
    ...(ipBlock !== undefined ? { ipBlock } : {}),
    ...(credentialSlowMs !== undefined ? { credentialSlowMs } : {}),
  });
  const sim = await startSimulator({ ...framework, name: 'ibm-maximo', handler: app });
  return Object.assign(sim, { state });
}
