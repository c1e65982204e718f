/**
 * SAP S/4HANA on-premise / private edition, or ECC with SAP Gateway: ICF Basic logon with `sap-client`.
 *
 * Calls we make: `GET /sap/opu/odata/IWFND/CATALOGSERVICE;v=2/ServiceCollection?$top=1&sap-client=NNN`
 * (Basic, Accept JSON, `x-csrf-token: Fetch`), then `$top=1` reads on the standard API services.
 *
 * Signals: 401 with the ICF logon page for every logon failure. A bare "Logon failed" for a wrong password;
 * when the system shows details the page carries ICF_SYSTEM_LOGIN/065 (locked), /016 (expired), /015
 * (initial password) [K]. Five wrong passwords lock the user (login/fails_to_user_lock default 5 [K]), so a
 * retrying client locks itself out as on a real system. An unknown client: 401 with "Client NNN is not
 * available in this system" [U]. 403 `/IWFND/CM_CONSUMER/101` without S_SERVICE [K]; 404 `/IWFND/MED/170`
 * for a service not activated [U].
 */
import { startSimulator } from '../framework/simulator';
import type { Simulator } from '../framework/simulator';
import {
  basicChallenge,
  basicCredentials,
  csrfFetch,
  gatewayError,
  logonFailed,
  metadataXml,
  odataCollection,
  S4_SERVICES,
} from '../sap-gateway/odata';
import type { SapSystem } from '../sap-gateway/odata';
import { productApp } from '../support/serve';
import type { ProductSimulatorOptions } from '../support/serve';

const CATALOG = '/IWFND/CATALOGSERVICE';
const ALL = [CATALOG, ...Object.keys(S4_SERVICES)];

export interface OnPremUser {
  password: string;
  services: string[];
  state?: 'locked' | 'expired' | 'initial';
}

/** Dialog/system users of client 100, by scenario. */
export function onPremUsers(): Record<string, OnPremUser> {
  return {
    USER_GOOD: { password: 'pass_good', services: ALL },
    USER_LOCKED: { password: 'pass_good', services: ALL, state: 'locked' },
    USER_EXPIRED: { password: 'pass_good', services: ALL, state: 'expired' },
    USER_INITIAL: { password: 'pass_good', services: ALL, state: 'initial' },
    USER_NOAUTH: { password: 'pass_good', services: [] },
    USER_PARTIAL: { password: 'pass_good', services: [CATALOG, 'API_PURCHASEORDER_PROCESS_SRV'] },
  };
}

export const ONPREM_CLIENT = '100';
const MAX_FAILS = 5;

const STATE_DETAIL = {
  locked: { id: 'ICF_SYSTEM_LOGIN/065', text: 'The user is locked' },
  expired: { id: 'ICF_SYSTEM_LOGIN/016', text: 'The password has expired and must be changed' },
  initial: { id: 'ICF_SYSTEM_LOGIN/015', text: 'This is an initial password that must be changed' },
} as const;

export interface OnPremSimulator extends Simulator {
  /** Failed password logons per user (SU01's counter). */
  failedLogons: Map<string, number>;
  /** Back to the seeded users (unlocks users locked by failed logons) and an empty request log. */
  reset(): void;
}

/** Start the on-prem Gateway simulator; `showLogonDetails: false` makes every failure a bare 401. */
export async function startS4HanaOnPremSimulator(
  opts: ProductSimulatorOptions & { showLogonDetails?: boolean; sid?: string } = {},
): Promise<OnPremSimulator> {
  const { showLogonDetails = true, sid = 'S4H', ...framework } = opts;
  let users = onPremUsers();
  const failedLogons = new Map<string, number>();
  const app = productApp();

  app.use('/sap', (req, res) => {
    const client = typeof req.query['sap-client'] === 'string' ? req.query['sap-client'] : ONPREM_CLIENT;
    const sys: SapSystem = { sid, client };
    const creds = basicCredentials(req);
    if (!creds) {
      logonFailed(res, sys);
      return;
    }
    if (client !== ONPREM_CLIENT) {
      logonFailed(res, sys, { text: `Client ${client} is not available in this system` });
      return;
    }
    const name = creds.user.toUpperCase();
    const user = users[name];
    if (!user) {
      logonFailed(res, sys);
      return;
    }
    if (user.password !== creds.password) {
      const fails = (failedLogons.get(name) ?? 0) + 1;
      failedLogons.set(name, fails);
      if (fails >= MAX_FAILS) user.state = 'locked';
      logonFailed(res, sys);
      return;
    }
    if (user.state) {
      logonFailed(res, sys, showLogonDetails ? STATE_DETAIL[user.state] : undefined);
      return;
    }
    failedLogons.set(name, 0);

    const path = req.path;
    const catalog = path.match(/^\/opu\/odata\/IWFND\/CATALOGSERVICE;v=2\/(ServiceCollection|\$metadata)?$/);
    let service: string;
    let entity: string;
    if (catalog) {
      service = CATALOG;
      entity = catalog[1] ?? '';
    } else {
      const m = path.match(/^\/opu\/odata\/sap\/([^/]+)\/?([^/]*)$/);
      if (!m) {
        res.status(404).type('text/html').send('<html><body>Service cannot be reached</body></html>');
        return;
      }
      service = decodeURIComponent(m[1] ?? '');
      entity = m[2] ?? '';
    }
    const def = S4_SERVICES[service];
    if (service !== CATALOG && !def) {
      gatewayError(
        res,
        404,
        '/IWFND/MED/170',
        `No service found for namespace '/SAP/', name '${service}', version '0001'`,
        service,
      );
      return;
    }
    if (!user.services.includes(service)) {
      const id = service === CATALOG ? '/IWFND/CATALOGSERVICE_0002' : `${service.split(';')[0]}_0001`;
      gatewayError(res, 403, '/IWFND/CM_CONSUMER/101', `No authorization to access Service '${id}'`, service);
      return;
    }
    csrfFetch(req, res, sys);
    res.set('sap-server', 'true').set('dataserviceversion', '2.0');
    if (service === CATALOG) {
      if (entity === '$metadata') {
        res.type('application/xml').send(metadataXml('CATALOGSERVICE', ['ServiceCollection']));
        return;
      }
      const host = `${req.protocol}://${req.get('host')}`;
      const top = Number(req.query.$top ?? 100);
      const rows = Object.keys(S4_SERVICES)
        .slice(0, Number.isFinite(top) ? top : 100)
        .map((s) => {
          const bare = s.split(';')[0] ?? s;
          return {
            __metadata: {
              id: `${host}/sap/opu/odata/IWFND/CATALOGSERVICE;v=2/ServiceCollection('Z${bare}_0001')`,
              type: 'CATALOGSERVICE.Service',
            },
            ID: `Z${bare}_0001`,
            Description: bare,
            Title: bare,
            Author: 'SAP',
            TechnicalServiceVersion: 1,
            TechnicalServiceName: bare,
            ServiceUrl: `${host}/sap/opu/odata/sap/${s}`,
            MetadataUrl: `${host}/sap/opu/odata/sap/${s}/$metadata`,
            IsSapService: true,
          };
        });
      res.json({ d: { results: rows } });
      return;
    }
    if (entity === '' || entity === '$metadata') {
      res.type('application/xml').send(metadataXml(service, [def!.entitySet]));
      return;
    }
    if (entity !== def!.entitySet) {
      gatewayError(res, 404, '/IWBEP/CM_MGW_RT/020', `Resource not found for segment '${entity}'.`, service);
      return;
    }
    res.json(odataCollection(req, service, def!.entitySet, [def!.row]));
  });
  // An anonymous GET of the ICF root answers with the Basic challenge: the fingerprint of an ABAP system.
  app.get('/', (_req, res) => {
    basicChallenge(res, { sid, client: ONPREM_CLIENT });
    res.status(401).end();
  });

  const sim = await startSimulator({ ...framework, name: 'sap-s4hana-onprem', handler: app });
  return Object.assign(sim, {
    failedLogons,
    reset() {
      users = onPremUsers();
      failedLogons.clear();
      sim.clearLog();
    },
  });
}
