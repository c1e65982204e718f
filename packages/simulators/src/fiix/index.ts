import { startSimulator } from '../framework/simulator';
import type { Simulator, StartSimulatorOptions } from '../framework/simulator';
import { createFiixApp } from './app';
import type { FiixSimulatorOptions, FiixState } from './app';

export type { FiixSimulatorOptions, FiixState } from './app';
export { FIIX_ACCESS_KEYS, FIIX_APP_KEY, FIIX_SECRET_KEY, FIIX_TIMESTAMP_WINDOW_MS } from './data';
export { fiixSandboxHints } from './sandbox';

/** A running Fiix simulator: the framework's handle plus its request counters. */
export interface FiixSimulator extends Simulator {
  state: FiixState;
}

/** Start the Fiix simulator (HMAC-signed CMMS API at `/api/`). */
export async function startFiixSimulator(
  opts: FiixSimulatorOptions & Omit<StartSimulatorOptions, 'name' | 'handler'> = {},
): Promise<FiixSimulator> {
  const { credentialSlowMs, now, ...framework } = opts;
  const { app, state } = createFiixApp({
    ...(credentialSlowMs !== undefined ? { credentialSlowMs } : {}),
    ...(now !== undefined ? { now } : {}),
  });
  const sim = await startSimulator({ ...framework, name: 'fiix', handler: app });
  return Object.assign(sim, { state });
}
