import type { ConnectorDefinition } from '../engine/definition';
import { ibmMaximo } from './ibm-maximo';
import { ERP_DEFINITIONS } from './erp';
import { CMMS_ERP_MES_DEFINITIONS } from './cmms-erp-mes';

/** Every connector definition. Adding a system: a folder under systems/ and one line here. */
export const DEFINITIONS: readonly ConnectorDefinition[] = [
  ibmMaximo,
  ...ERP_DEFINITIONS,
  ...CMMS_ERP_MES_DEFINITIONS,
];
