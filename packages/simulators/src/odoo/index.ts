import { startSimulator } from '../framework/simulator';
import type { Simulator, StartSimulatorOptions } from '../framework/simulator';
import { createOdooApp } from './app';
import type { OdooSimulatorOptions, OdooState } from './app';

export type { OdooSimulatorOptions, OdooState } from './app';
export { ODOO_DATABASES, ODOO_KEYS, ODOO_STANDARD_PLAN_DB, ODOO_USERS } from './data';
export { odooSandboxHints } from './sandbox';

/** A running Odoo simulator: the framework's handle plus its authentication counters. */
export interface OdooSimulator extends Simulator {
  state: OdooState;
}

/** Start the Odoo simulator (JSON-2 from 19.0, JSON-RPC always). */
export async function startOdooSimulator(
  opts: OdooSimulatorOptions & Omit<StartSimulatorOptions, 'name' | 'handler'> = {},
): Promise<OdooSimulator> {
  const { version, credentialSlowMs, ...framework } = opts;
  const { app, state } = createOdooApp({
    ...(version !== undefined ? { version } : {}),
    ...(credentialSlowMs !== undefined ? { credentialSlowMs } : {}),
  });
  const sim = await startSimulator({ ...framework, name: 'odoo', handler: app });
  return Object.assign(sim, { state });
}
