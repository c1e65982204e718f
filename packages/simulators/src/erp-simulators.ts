/**
 * The ERP simulators (SAP, Oracle, Microsoft, Infor, Hexagon, Epicor, IFS, Sage) as registry entries, and
 * the fixed cloud hosts each one stands in for, so a demo or test can build its host override map.
 */
import { createEntraDirectory, sandboxTenant } from './entra';
import type { EntraDirectory } from './entra';
import { epicorSandboxHints, startEpicorSimulator } from './epicor-kinetic';
import { hxgnEamSandboxHints, startHxgnEamSimulator } from './hxgn-eam';
import { ifsSandboxHints, startIfsSimulator } from './ifs-cloud';
import { inforSandboxHints, startInforSimulator } from './infor-cloudsuite';
import {
  BC_RESOURCE,
  businessCentralSandboxHints,
  startBusinessCentralSimulator,
} from './ms-dynamics-365-business-central';
import {
  financeOperationsSandboxHints,
  startFinanceOperationsSimulator,
} from './ms-dynamics-365-finance-operations';
import { fusionSandboxHints, startFusionSimulator } from './oracle-fusion-cloud';
import { jdeSandboxHints, startJdeSimulator } from './oracle-jd-edwards';
import { netSuiteSandboxHints, startNetSuiteSimulator } from './oracle-netsuite';
import type { SimulatorEntry } from './registry';
import { intacctSandboxHints, startIntacctSimulator } from './sage-intacct';
import { businessOneSandboxHints, startBusinessOneSimulator } from './sap-business-one';
import { s4HanaCloudSandboxHints, startS4HanaCloudSimulator } from './sap-s4hana-cloud';
import { s4HanaOnPremSandboxHints, startS4HanaOnPremSimulator } from './sap-s4hana-onprem';

// Business Central and F&O share one Entra directory, so login.microsoftonline.com may point at either server.
let entra: EntraDirectory | undefined;
const sharedEntra = () => (entra ??= createEntraDirectory([sandboxTenant([BC_RESOURCE])]));

export const ERP_SIMULATORS: Record<string, SimulatorEntry> = {
  'sap-s4hana-cloud': { start: (o) => startS4HanaCloudSimulator(o), hints: s4HanaCloudSandboxHints },
  'sap-s4hana-onprem': { start: (o) => startS4HanaOnPremSimulator(o), hints: s4HanaOnPremSandboxHints },
  'sap-business-one': { start: (o) => startBusinessOneSimulator(o), hints: businessOneSandboxHints },
  'oracle-netsuite': { start: (o) => startNetSuiteSimulator(o), hints: netSuiteSandboxHints },
  'oracle-fusion-cloud': { start: (o) => startFusionSimulator(o), hints: fusionSandboxHints },
  'oracle-jd-edwards': { start: (o) => startJdeSimulator(o), hints: jdeSandboxHints },
  'ms-dynamics-365-business-central': {
    start: (o) => startBusinessCentralSimulator({ ...o, entra: sharedEntra() }),
    hints: businessCentralSandboxHints,
  },
  'ms-dynamics-365-finance-operations': {
    start: (o) => startFinanceOperationsSimulator({ ...o, entra: sharedEntra() }),
    hints: financeOperationsSandboxHints,
  },
  'hxgn-eam': { start: (o) => startHxgnEamSimulator(o), hints: hxgnEamSandboxHints },
  'infor-cloudsuite': { start: (o) => startInforSimulator(o), hints: inforSandboxHints },
  'epicor-kinetic': { start: (o) => startEpicorSimulator(o), hints: epicorSandboxHints },
  'ifs-cloud': { start: (o) => startIfsSimulator(o), hints: ifsSandboxHints },
  'sage-intacct': { start: (o) => startIntacctSimulator(o), hints: intacctSandboxHints },
};

/** Fixed cloud hosts each simulator answers for (point them at the simulator's URL in hostOverrides). */
export const ERP_SIMULATOR_HOSTS: Record<string, string[]> = {
  'oracle-netsuite': [
    'rest.netsuite.com',
    '1234567.suitetalk.api.netsuite.com',
    '1234567-sb1.suitetalk.api.netsuite.com',
    '7654321.suitetalk.api.netsuite.com',
  ],
  'ms-dynamics-365-business-central': ['login.microsoftonline.com', 'api.businesscentral.dynamics.com'],
  'ms-dynamics-365-finance-operations': ['login.microsoftonline.com', 'contosomfg.operations.dynamics.com'],
  'infor-cloudsuite': ['mingle-sso.inforcloudsuite.com', 'mingle-ionapi.inforcloudsuite.com'],
  'sage-intacct': ['api.intacct.com'],
  'sap-s4hana-cloud': ['flange-sandbox.authentication.eu10.hana.ondemand.com'],
};

export * from './entra';
export * from './oauth';
export * from './epicor-kinetic';
export * from './hxgn-eam';
export * from './ifs-cloud';
export * from './infor-cloudsuite';
export * from './ms-dynamics-365-business-central';
export * from './ms-dynamics-365-finance-operations';
export * from './oracle-fusion-cloud';
export * from './oracle-jd-edwards';
export * from './oracle-netsuite';
export * from './sage-intacct';
export * from './sap-business-one';
export * from './sap-s4hana-cloud';
export * from './sap-s4hana-onprem';
