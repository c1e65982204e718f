/**
 * Oracle Fusion Cloud Applications (ERP / SCM / Procurement / Maintenance) REST, with HTTP Basic.
 *
 * Calls we make: `GET /fscmRestApi/resources/11.13.18.05/{resource}?limit=1&onlyData=true` per entity
 * (purchaseOrders, itemsV2, maintenanceWorkOrders) [V for the URL form and `items[]`; K for the resource
 * names]. Answers carry Oracle's ECID header (`X-ORACLE-DMS-ECID`), which the fingerprint looks for [K].
 *
 * Signals: 401 with an empty body and a Basic challenge for any sign-in failure (wrong password, locked or
 * inactive user: Fusion does not say which) [K]; 403 when the user's roles lack the resource's privilege
 * [U]; 404 for a resource this pod does not offer.
 */
import { randomBytes } from 'node:crypto';
import { startSimulator } from '../framework/simulator';
import type { Simulator } from '../framework/simulator';
import { basicCredentials } from '../sap-gateway/odata';
import { productApp } from '../support/serve';
import type { ProductSimulatorOptions } from '../support/serve';

const RESOURCES: Record<string, Record<string, unknown>> = {
  purchaseOrders: {
    POHeaderId: 300000047507499,
    OrderNumber: '1000123',
    ProcurementBU: 'US1 Business Unit',
    Status: 'Open',
  },
  itemsV2: { ItemId: 300000001703316, ItemNumber: 'AS54888', OrganizationCode: 'M1' },
  maintenanceWorkOrders: {
    WorkOrderId: 300000153000441,
    WorkOrderNumber: 'WO-1001',
    WorkOrderStatusCode: 'ORA_RELEASED',
  },
};

export const FUSION_USERS: Record<string, { password: string; resources: string[]; locked?: boolean }> = {
  'user.good@acme.com': { password: 'pass_good', resources: Object.keys(RESOURCES) },
  'user.locked@acme.com': { password: 'pass_good', resources: Object.keys(RESOURCES), locked: true },
  'user.noroles@acme.com': { password: 'pass_good', resources: [] },
  'user.buyer@acme.com': { password: 'pass_good', resources: ['purchaseOrders', 'itemsV2'] },
};

/** Start the Fusion REST simulator. */
export async function startFusionSimulator(opts: ProductSimulatorOptions = {}): Promise<Simulator> {
  const app = productApp();
  app.use((_req, res, next) => {
    res.set('X-ORACLE-DMS-ECID', `005${randomBytes(12).toString('hex')}`);
    res.set('X-ORACLE-DMS-RID', '0');
    next();
  });
  app.get('/fscmRestApi/resources/:version/:resource', (req, res) => {
    const creds = basicCredentials(req);
    const user = creds ? FUSION_USERS[creds.user.toLowerCase()] : undefined;
    if (!creds || !user || user.password !== creds.password || user.locked) {
      res.set('WWW-Authenticate', 'Basic realm="weblogic"').status(401).end();
      return;
    }
    const resource = String(req.params.resource);
    const row = RESOURCES[resource];
    if (!row || req.params.version !== '11.13.18.05') {
      res.status(404).type('text/plain').send('Not Found');
      return;
    }
    if (!user.resources.includes(resource)) {
      res.status(403).type('text/plain').send(`User is not authorized to access the resource ${resource}.`);
      return;
    }
    const limit = Math.max(1, Math.min(Number(req.query.limit ?? 25) || 25, 500));
    res
      .type('application/vnd.oracle.adf.resourcecollection+json')
      .send(JSON.stringify({ items: [row].slice(0, limit), count: 1, hasMore: true, limit, offset: 0 }));
  });
  return startSimulator({ ...opts, name: 'oracle-fusion-cloud', handler: app });
}
