/**
 * JD Edwards EnterpriseOne AIS Server REST (`/jderest/v2`).
 *
 * Calls we make: `GET /jderest/v2/defaultconfig` with no auth (the fingerprint: aisVersion, capabilities)
 * [V]; `POST /jderest/v2/tokenrequest` {username, password, deviceName, environment, role} → userInfo.token
 * [V]; `POST /jderest/v2/dataservice` (BROWSE of one row of a table, token in `jde-AIS-Auth`) per entity [K];
 * `POST /jderest/v2/tokenrequest/logout` {token} at the end (every token holds an HTML-server session) [V].
 *
 * Signals: tokenrequest 403 `Authorization Failure` for a wrong user or password, a locked or expired
 * user alike [V status; K body]; an environment or role the user may not use: 403 with a message naming
 * it [U]; 405 when the HTML server's allowed hosts do not include this AIS [V]; a bad or expired token on
 * later calls: 444 [V]; a table the user may not read: 403 naming the table [U].
 */
import { randomBytes } from 'node:crypto';
import express from 'express';
import type { Request, Response } from 'express';
import { startSimulator } from '../framework/simulator';
import type { Simulator } from '../framework/simulator';
import { basicCredentials } from '../sap-gateway/odata';
import { extend, productApp } from '../support/serve';
import type { ProductSimulatorOptions } from '../support/serve';

export const JDE_AIS_VERSION = '9.2.8.3';
const TABLES: Record<string, { title: string; row: Record<string, unknown> }> = {
  F4801: {
    title: 'Work Order Master File',
    row: { F4801_DOCO: 100234, F4801_DL01: 'Replace pump seal', F4801_SRST: '10' },
  },
  F1201: {
    title: 'Asset Master File',
    row: { F1201_NUMB: 4521, F1201_ASID: 'PUMP-100', F1201_DL01: 'Centrifugal pump' },
  },
  F4311: {
    title: 'Purchase Order Detail File',
    row: { F4311_DOCO: 5012, F4311_DCTO: 'OP', F4311_LITM: '220' },
  },
  F4101: {
    title: 'Item Master',
    row: { F4101_ITM: 60003, F4101_LITM: '220', F4101_DSC1: 'Bike Rack - Trunk Mount' },
  },
};

export const JDE_USERS: Record<
  string,
  { password: string; name: string; environments: string[]; tables: string[] }
> = {
  JDE: {
    password: 'pass_good',
    name: 'JDE Demo User',
    environments: ['JDV920', 'JPY920'],
    tables: Object.keys(TABLES),
  },
  NOAUTH: { password: 'pass_good', name: 'Limited User', environments: ['JDV920'], tables: [] },
  PLANNER: {
    password: 'pass_good',
    name: 'Maintenance Planner',
    environments: ['JDV920'],
    tables: ['F4801', 'F1201'],
  },
};

function aisError(res: Response, status: number, message: string) {
  res.status(status).json({
    message,
    exception: 'com.oracle.e1.jdemf.JDERestServiceException',
    timeStamp: new Date().toISOString(),
  });
}

export interface JdeSimulator extends Simulator {
  /** Tokens (HTML-server sessions) still open. */
  tokens: Map<string, { user: string; environment: string }>;
  readonly logouts: number;
  reset(): void;
}

/** Start the AIS simulator; `htmlServerMisconfigured` makes tokenrequest answer 405. */
export async function startJdeSimulator(
  opts: ProductSimulatorOptions & { htmlServerMisconfigured?: boolean } = {},
): Promise<JdeSimulator> {
  const { htmlServerMisconfigured = false, ...framework } = opts;
  const tokens = new Map<string, { user: string; environment: string }>();
  let logouts = 0;
  const app = productApp();
  const json = express.json({ type: () => true, limit: '256kb' });

  app.get('/jderest/v2/defaultconfig', (_req, res) => {
    res.json({
      jasHost: 'jde-html.acme.local',
      jasPort: '8080',
      jasProtocol: 'http',
      aisVersion: JDE_AIS_VERSION,
      requiredCapabilities: 'grid,processingOption',
      capabilityList: [
        {
          name: 'grid',
          shortDescription: 'Grid Actions',
          longDescription: 'Ability to update, insert and delete grid records.',
          asOfRelease: '9.2.0.0',
        },
        {
          name: 'dataservice',
          shortDescription: 'Data Service',
          longDescription: 'Query and aggregate table and view data.',
          asOfRelease: '9.2.0.0',
        },
        {
          name: 'orchestrator',
          shortDescription: 'Orchestrator',
          longDescription: 'Run orchestrations.',
          asOfRelease: '9.2.0.0',
        },
      ],
      keepJasSessionOpen: true,
      jasSessionCookieName: 'JSESSIONID',
      ssoAllowed: false,
      allowSelfSignedSsl: false,
      timeToLive: 720000,
      useMultipleJasServers: false,
    });
  });

  app.post('/jderest/v2/tokenrequest', json, (req, res) => {
    if (htmlServerMisconfigured) {
      aisError(res, 405, 'The HTML Server does not allow connections from this AIS Server (allowed hosts).');
      return;
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const basic = basicCredentials(req);
    const username = String(body.username ?? basic?.user ?? '').toUpperCase();
    const password = String(body.password ?? basic?.password ?? '');
    const user = JDE_USERS[username];
    if (!user || user.password !== password) {
      aisError(res, 403, 'Authorization Failure');
      return;
    }
    const environment = String(
      body.environment ?? req.get('jde-AIS-Auth-Environment') ?? user.environments[0],
    );
    if (!user.environments.includes(environment)) {
      aisError(
        res,
        403,
        `Authorization Failure: environment ${environment.slice(0, 20)} is not valid for user ${username}`,
      );
      return;
    }
    const role = String(body.role ?? req.get('jde-AIS-Auth-Role') ?? '*ALL');
    const token = `044${randomBytes(48).toString('base64url')}`;
    tokens.set(token, { user: username, environment });
    res.json({
      username,
      environment,
      role,
      jasserver: 'http://jde-html.acme.local:8080',
      userInfo: {
        token,
        langPref: '  ',
        locale: 'en',
        dateFormat: 'MDE',
        dateSeperator: '/',
        simpleDateFormat: 'MM/dd/yyyy',
        decimalFormat: '.',
        addressNumber: 4242,
        alphaName: user.name,
        appsRelease: 'E920',
        country: ' ',
        username,
      },
      userAuthorized: false,
      version: null,
      aisSessionCookie: randomBytes(16).toString('hex'),
      adminAuthorized: false,
      passwordAboutToExpire: -1,
      envColor: null,
      machineName: 'jde-ais',
    });
  });

  const session = (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const token = String(req.get('jde-AIS-Auth') ?? body.token ?? '');
    const s = tokens.get(token);
    if (!s) aisError(res, 444, 'Invalid Token');
    return s ? { token, ...s } : null;
  };

  app.post('/jderest/v2/tokenrequest/validate', json, (req, res) => {
    if (!session(req, res)) return;
    res.json({ isValidSession: true });
  });

  app.post('/jderest/v2/tokenrequest/logout', json, (req, res) => {
    const s = session(req, res);
    if (!s) return;
    tokens.delete(s.token);
    logouts++;
    res.json({});
  });

  app.post('/jderest/v2/dataservice', json, (req, res) => {
    const s = session(req, res);
    if (!s) return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const table = String(body.targetName ?? '');
    const def = TABLES[table];
    if (!def) {
      aisError(res, 400, `Table ${table.slice(0, 20)} not found`);
      return;
    }
    if (!JDE_USERS[s.user]?.tables.includes(table)) {
      aisError(res, 403, `User ${s.user} is not authorized to view ${table}`);
      return;
    }
    const form = `fs_DATABROWSE_${table}`;
    res.json({
      [form]: {
        title: `Data Browser - ${table} [${def.title}]`,
        data: {
          gridData: {
            id: 52,
            fullGridId: '52',
            rowset: [def.row],
            summary: { records: 1, moreRecords: true },
          },
        },
        errors: [],
        warnings: [],
      },
      stackId: 1,
      stateId: 1,
      rid: randomBytes(8).toString('hex'),
      currentApp: `DATABROWSE_${table}`,
      timeStamp: new Date().toISOString(),
      sysErrors: [],
    });
  });

  const sim = await startSimulator({ ...framework, name: 'oracle-jd-edwards', handler: app });
  return extend(sim, {
    tokens,
    get logouts() {
      return logouts;
    },
    reset() {
      tokens.clear();
      logouts = 0;
      sim.clearLog();
    },
  });
}
