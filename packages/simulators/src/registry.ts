import type { SandboxHints } from '@flange/protocol';
import type { Simulator, StartSimulatorOptions } from './framework/simulator';
import { CMMS_ERP_MES_SIMULATORS } from './cmms-erp-mes';
import { ERP_SIMULATORS } from './erp-simulators';
import { maximoSandboxHints, startMaximoSimulator } from './maximo';

/** How to start one product's simulator and what the test environment tells users about it. */
export interface SimulatorEntry {
  start(opts: Omit<StartSimulatorOptions, 'name' | 'handler'>): Promise<Simulator>;
  hints(url: string): SandboxHints;
}

/**
 * Every simulator, by catalog system id. Adding a product's simulator is one entry here; `startSimulators`
 * and `sandboxHints` pick it up. Order is the port order when a base port is given.
 */
export const SIMULATORS: Record<string, SimulatorEntry> = {
  'ibm-maximo': { start: (o) => startMaximoSimulator(o), hints: maximoSandboxHints },
  ...ERP_SIMULATORS,
  ...CMMS_ERP_MES_SIMULATORS,
};
