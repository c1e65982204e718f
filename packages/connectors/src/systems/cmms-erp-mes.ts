import type { ConnectorDefinition } from '../engine/definition';
import { acumatica } from './acumatica';
import { aveva } from './aveva-pi-web-api';
import { coupa } from './coupa';
import { emaint } from './emaint';
import { fiix } from './fiix';
import { fishbowl } from './fishbowl';
import { limble } from './limble';
import { maintainx } from './maintainx';
import { odoo } from './odoo';
import { samsara } from './samsara';
import { servicenow } from './servicenow';
import { tulip } from './tulip';
import { upkeep } from './upkeep';

/** Acumatica, Odoo, the cloud CMMS products, Fishbowl, ServiceNow, PI Web API, Tulip, Coupa and Samsara. */
export const CMMS_ERP_MES_DEFINITIONS: readonly ConnectorDefinition[] = [
  acumatica,
  odoo,
  fiix,
  upkeep,
  limble,
  maintainx,
  emaint,
  fishbowl,
  servicenow,
  aveva,
  tulip,
  coupa,
  samsara,
];
