import type { ConnectorDefinition } from '../engine/definition';
import { epicorKinetic } from './epicor-kinetic';
import { hxgnEam } from './hxgn-eam';
import { ifsCloud } from './ifs-cloud';
import { inforCloudSuite } from './infor-cloudsuite';
import { msDynamicsBusinessCentral } from './ms-dynamics-365-business-central';
import { msDynamicsFinanceOperations } from './ms-dynamics-365-finance-operations';
import { oracleFusionCloud } from './oracle-fusion-cloud';
import { oracleJdEdwards } from './oracle-jd-edwards';
import { oracleNetSuite } from './oracle-netsuite';
import { sageIntacct } from './sage-intacct';
import { sapBusinessOne } from './sap-business-one';
import { sapS4HanaCloud } from './sap-s4hana-cloud';
import { sapS4HanaOnPrem } from './sap-s4hana-onprem';

/** The ERP connectors (SAP, Oracle, Microsoft, Infor, Hexagon, Epicor, IFS, Sage). */
export const ERP_DEFINITIONS: readonly ConnectorDefinition[] = [
  sapS4HanaCloud,
  sapS4HanaOnPrem,
  sapBusinessOne,
  oracleNetSuite,
  oracleFusionCloud,
  oracleJdEdwards,
  msDynamicsBusinessCentral,
  msDynamicsFinanceOperations,
  hxgnEam,
  inforCloudSuite,
  epicorKinetic,
  ifsCloud,
  sageIntacct,
];
