import { startSimulator } from '../framework/simulator';
import type { Simulator, StartSimulatorOptions } from '../framework/simulator';
import { createAcumaticaApp } from './app';
import type { AcumaticaSimulatorOptions, AcumaticaState } from './app';

export type { AcumaticaSimulatorOptions, AcumaticaState } from './app';
export { ACUMATICA_PASSWORD, ACUMATICA_TENANTS, ACUMATICA_USERS } from './data';
export { acumaticaSandboxHints } from './sandbox';

/** A running Acumatica simulator: the framework's handle plus its sessions and licence seats. */
export interface AcumaticaSimulator extends Simulator {
  state: AcumaticaState;
}

/** Start the Acumatica simulator (contract-based REST API with cookie sessions). */
export async function startAcumaticaSimulator(
  opts: AcumaticaSimulatorOptions & Omit<StartSimulatorOptions, 'name' | 'handler'> = {},
): Promise<AcumaticaSimulator> {
  const { basePath, maxApiSessions, credentialSlowMs, ...framework } = opts;
  const { app, state } = createAcumaticaApp({
    ...(basePath !== undefined ? { basePath } : {}),
    ...(maxApiSessions !== undefined ? { maxApiSessions } : {}),
    ...(credentialSlowMs !== undefined ? { credentialSlowMs } : {}),
  });
  const sim = await startSimulator({ ...framework, name: 'acumatica', handler: app });
  return Object.assign(sim, { state });
}
