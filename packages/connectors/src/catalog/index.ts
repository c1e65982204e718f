import type { SystemSummary } from '@flange/protocol';
import { buildCatalog } from './build';
import { ERP_MAJOR } from './data/erp-major';
import { ERP_MORE } from './data/erp-more';
import { MAINTENANCE } from './data/maintenance';
import { OPERATIONS } from './data/operations';
import { PROCUREMENT } from './data/procurement';
import { WAREHOUSE } from './data/warehouse';
import { BEYOND_REFERENCE } from './data/beyond-reference';
import type { CatalogSeed } from './seed';

/** The systems with a connector; every other catalog entry is `on_request`. */
export const AVAILABLE_SYSTEM_IDS: readonly string[] = [
  'ibm-maximo',
  'sap-s4hana-cloud',
  'sap-s4hana-onprem',
  'sap-business-one',
  'oracle-netsuite',
  'oracle-fusion-cloud',
  'oracle-jd-edwards',
  'ms-dynamics-365-business-central',
  'ms-dynamics-365-finance-operations',
  'hxgn-eam',
  'infor-cloudsuite',
  'epicor-kinetic',
  'ifs-cloud',
  'sage-intacct',
  'acumatica',
  'odoo',
  'fiix',
  'upkeep',
  'limble',
  'maintainx',
  'emaint',
  'fishbowl',
  'servicenow',
  'aveva-pi-web-api',
  'tulip',
  'coupa',
  'samsara',
];

/** Every product seed: traceable to a line of the industrial-systems reference, or a well-known product (`known`). */
export const CATALOG_SEEDS: readonly CatalogSeed[] = [
  ...MAINTENANCE,
  ...ERP_MAJOR,
  ...ERP_MORE,
  ...PROCUREMENT,
  ...WAREHOUSE,
  ...BEYOND_REFERENCE,
  ...OPERATIONS,
];

/** The catalog the widget lists, sorted by name. */
export const CATALOG: SystemSummary[] = buildCatalog(CATALOG_SEEDS, new Set(AVAILABLE_SYSTEM_IDS));

const BY_ID = new Map(CATALOG.map((entry) => [entry.id, entry]));

/** One catalog entry by id, or undefined. */
export function getCatalogEntry(id: string): SystemSummary | undefined {
  return BY_ID.get(id);
}

export { buildCatalog } from './build';
export { contrastRatio, monogramFor, monogramText } from './monogram';
export type { CatalogSeed, Hosting } from './seed';
