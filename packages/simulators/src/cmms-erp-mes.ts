/**
 * Simulators of Acumatica, Odoo, Fiix, UpKeep, Limble, MaintainX, eMaint, Fishbowl, ServiceNow, AVEVA PI Web
 * API, Tulip, Coupa and Samsara: their starters, seeded values and sandbox hints.
 */
import { acumaticaSandboxHints, startAcumaticaSimulator } from './acumatica';
import { piWebApiSandboxHints, startPiWebApiSimulator } from './aveva-pi-web-api';
import { coupaSandboxHints, startCoupaSimulator } from './coupa';
import { emaintSandboxHints, startEmaintSimulator } from './emaint';
import { fiixSandboxHints, startFiixSimulator } from './fiix';
import { fishbowlSandboxHints, startFishbowlSimulator } from './fishbowl';
import { limbleHostOverrides, limbleSandboxHints, startLimbleSimulator } from './limble';
import { maintainxHostOverrides, maintainxSandboxHints, startMaintainXSimulator } from './maintainx';
import { odooSandboxHints, startOdooSimulator } from './odoo';
import type { SimulatorEntry } from './registry';
import { samsaraHostOverrides, samsaraSandboxHints, startSamsaraSimulator } from './samsara';
import { servicenowSandboxHints, startServiceNowSimulator } from './servicenow';
import { startTulipSimulator, tulipSandboxHints } from './tulip';
import { startUpKeepSimulator, upkeepHostOverrides, upkeepSandboxHints } from './upkeep';

export {
  startAcumaticaSimulator,
  acumaticaSandboxHints,
  ACUMATICA_PASSWORD,
  ACUMATICA_TENANTS,
  ACUMATICA_USERS,
} from './acumatica';
export type { AcumaticaSimulator, AcumaticaSimulatorOptions, AcumaticaState } from './acumatica';
export {
  startOdooSimulator,
  odooSandboxHints,
  ODOO_DATABASES,
  ODOO_KEYS,
  ODOO_STANDARD_PLAN_DB,
  ODOO_USERS,
} from './odoo';
export type { OdooSimulator, OdooSimulatorOptions, OdooState } from './odoo';
export {
  startFiixSimulator,
  fiixSandboxHints,
  FIIX_ACCESS_KEYS,
  FIIX_APP_KEY,
  FIIX_SECRET_KEY,
  FIIX_TIMESTAMP_WINDOW_MS,
} from './fiix';
export type { FiixSimulator, FiixSimulatorOptions, FiixState } from './fiix';
export {
  startUpKeepSimulator,
  upkeepSandboxHints,
  upkeepHostOverrides,
  UPKEEP_ACCOUNTS,
  UPKEEP_API_HOST,
  UPKEEP_PASSWORD,
} from './upkeep';
export type { UpKeepSimulator, UpKeepState } from './upkeep';
export {
  startLimbleSimulator,
  limbleSandboxHints,
  limbleHostOverrides,
  LIMBLE_CLIENTS,
  LIMBLE_HOSTS,
  LIMBLE_REGIONS,
} from './limble';
export type { LimbleRegion, LimbleSimulator, LimbleState } from './limble';
export {
  startMaintainXSimulator,
  maintainxSandboxHints,
  maintainxHostOverrides,
  MAINTAINX_API_HOST,
  MAINTAINX_KEYS,
} from './maintainx';
export type { MaintainXSimulator, MaintainXState } from './maintainx';
export { startEmaintSimulator, emaintSandboxHints, EMAINT_PASSWORD, EMAINT_USERS } from './emaint';
export type { EmaintSimulator, EmaintState } from './emaint';
export {
  startFishbowlSimulator,
  fishbowlSandboxHints,
  FISHBOWL_MFA_CODE,
  FISHBOWL_PASSWORD,
  FISHBOWL_SERVER_VERSION,
  FISHBOWL_USERS,
} from './fishbowl';
export type { FishbowlSimulator, FishbowlState } from './fishbowl';
export {
  startServiceNowSimulator,
  servicenowSandboxHints,
  REST_ROLE,
  SERVICENOW_PASSWORD,
  SERVICENOW_USERS,
} from './servicenow';
export type { ServiceNowOptions, ServiceNowSimulator, ServiceNowState } from './servicenow';
export {
  startPiWebApiSimulator,
  piWebApiSandboxHints,
  PI_PASSWORD,
  PI_PRODUCT,
  PI_USERS,
} from './aveva-pi-web-api';
export type { PiWebApiOptions, PiWebApiSimulator, PiWebApiState } from './aveva-pi-web-api';
export { startTulipSimulator, tulipSandboxHints, TULIP_TOKENS } from './tulip';
export type { TulipSimulator, TulipState } from './tulip';
export {
  startCoupaSimulator,
  coupaSandboxHints,
  COUPA_ALL_SCOPES,
  COUPA_CLIENTS,
  COUPA_SECRET,
} from './coupa';
export type { CoupaSimulator, CoupaState } from './coupa';
export {
  startSamsaraSimulator,
  samsaraSandboxHints,
  samsaraHostOverrides,
  SAMSARA_HOSTS,
  SAMSARA_TOKENS,
} from './samsara';
export type { SamsaraSimulator, SamsaraState } from './samsara';

/** Registry entries of these simulators, by catalog system id. */
export const CMMS_ERP_MES_SIMULATORS: Record<string, SimulatorEntry> = {
  acumatica: { start: (o) => startAcumaticaSimulator(o), hints: acumaticaSandboxHints },
  odoo: { start: (o) => startOdooSimulator(o), hints: odooSandboxHints },
  fiix: { start: (o) => startFiixSimulator(o), hints: fiixSandboxHints },
  upkeep: { start: (o) => startUpKeepSimulator(o), hints: upkeepSandboxHints },
  limble: { start: (o) => startLimbleSimulator(o), hints: limbleSandboxHints },
  maintainx: { start: (o) => startMaintainXSimulator(o), hints: maintainxSandboxHints },
  emaint: { start: (o) => startEmaintSimulator(o), hints: emaintSandboxHints },
  fishbowl: { start: (o) => startFishbowlSimulator(o), hints: fishbowlSandboxHints },
  servicenow: { start: (o) => startServiceNowSimulator(o), hints: servicenowSandboxHints },
  'aveva-pi-web-api': { start: (o) => startPiWebApiSimulator(o), hints: piWebApiSandboxHints },
  tulip: { start: (o) => startTulipSimulator(o), hints: tulipSandboxHints },
  coupa: { start: (o) => startCoupaSimulator(o), hints: coupaSandboxHints },
  samsara: { start: (o) => startSamsaraSimulator(o), hints: samsaraSandboxHints },
};

/**
 * Host overrides for the products on fixed cloud hosts, given the URL their simulator runs at. Limble's
 * regions and Samsara's EU cloud map to path prefixes of one simulator, so these are maps, not host lists.
 */
export const CMMS_ERP_MES_HOST_OVERRIDES: Record<string, (url: string) => Record<string, string>> = {
  upkeep: upkeepHostOverrides,
  limble: limbleHostOverrides,
  maintainx: maintainxHostOverrides,
  samsara: samsaraHostOverrides,
};
