/**
 * SAP Business One Service Layer (`/b1s/v1`), served over https with a self-signed certificate by default,
 * as a fresh Service Layer installation is [V].
 *
 * Calls we make: `POST /b1s/v1/Login` {CompanyDB, UserName, Password} → 200 {SessionId, Version,
 * SessionTimeout} + cookies B1SESSION and ROUTEID; `POST /b1s/v1/UsersService_GetCurrentUser` and
 * `POST /b1s/v1/CompanyService_GetCompanyInfo` for the identity [K]; `GET /b1s/v1/{Entity}?$top=1` reads;
 * `POST /b1s/v1/Logout` → 204.
 *
 * Signals: 401 `{"error":{"code":-304,"message":{"lang":"en-us","value":"Fail to get DB Credentials from
 * SLD"}}}` for a wrong user, password or company database [K]. Locked user and missing licence are not in
 * public material [U]: they answer 401 with texts naming the cause, which is all the connector relies on.
 * A read without authorisation: 403 "You are not permitted to perform this action" [U].
 * Every session counts against a licence seat, so `sessions` shows whether the client logged out.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import express from 'express';
import type { Request, Response } from 'express';
import { startSimulator } from '../framework/simulator';
import type { Simulator } from '../framework/simulator';
import { extend, productApp } from '../support/serve';
import type { ProductSimulatorOptions } from '../support/serve';

export const B1_COMPANY_DB = 'SBODEMOUS';

export const B1_USERS: Record<
  string,
  { password: string; name: string; state?: 'locked' | 'no_license'; canRead: boolean }
> = {
  manager: { password: 'pass_good', name: 'Manager', canRead: true },
  user_locked: { password: 'pass_good', name: 'Locked User', state: 'locked', canRead: true },
  user_nolicense: { password: 'pass_good', name: 'Unlicensed User', state: 'no_license', canRead: true },
  user_noauth: { password: 'pass_good', name: 'Limited User', canRead: false },
};

const ENTITIES: Record<string, Record<string, unknown>> = {
  PurchaseOrders: { DocEntry: 12, DocNum: 12, CardCode: 'V10000', DocTotal: 1520.5 },
  Items: { ItemCode: 'A00001', ItemName: 'J.B. Officeprint 1420', QuantityOnStock: 1052 },
  ProductionOrders: {
    AbsoluteEntry: 3,
    DocumentNumber: 3,
    ItemNo: 'LM4029',
    ProductionOrderStatus: 'boposReleased',
  },
};

function b1Error(res: Response, status: number, code: number, value: string) {
  res.status(status).json({ error: { code, message: { lang: 'en-us', value } } });
}

export interface BusinessOneSimulator extends Simulator {
  /** Open sessions (licence seats in use): session id → user. */
  sessions: Map<string, string>;
  /** Logouts received. */
  readonly logouts: number;
  reset(): void;
}

/** Start the Service Layer simulator (https self-signed unless `tls` says otherwise). */
export async function startBusinessOneSimulator(
  opts: ProductSimulatorOptions = {},
): Promise<BusinessOneSimulator> {
  const sessions = new Map<string, string>();
  let logouts = 0;
  const app = productApp();
  const json = express.json({ type: () => true, limit: '64kb' });

  app.post('/b1s/v1/Login', json, (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const user = typeof body.UserName === 'string' ? B1_USERS[body.UserName] : undefined;
    if (!user || body.CompanyDB !== B1_COMPANY_DB || body.Password !== user.password) {
      b1Error(res, 401, -304, 'Fail to get DB Credentials from SLD');
      return;
    }
    if (user.state === 'locked') {
      b1Error(res, 401, -310, 'User account is locked; contact your system administrator');
      return;
    }
    if (user.state === 'no_license') {
      b1Error(
        res,
        401,
        -1029,
        'No license available for this user; assign a license in License Administration',
      );
      return;
    }
    const id = randomUUID();
    sessions.set(id, String(body.UserName));
    const base = `${req.protocol}://${req.get('host')}/b1s/v1`;
    res.append('Set-Cookie', `B1SESSION=${id}; path=/b1s/v1; Secure; HttpOnly`);
    res.append('Set-Cookie', `ROUTEID=.node${1 + (randomBytes(1)[0]! % 2)}; path=/b1s`);
    res.json({
      'odata.metadata': `${base}/$metadata#B1Sessions/@Element`,
      SessionId: id,
      Version: '1000190',
      SessionTimeout: 30,
    });
  });

  const session = (req: Request, res: Response): string | null => {
    const cookie = req.get('cookie') ?? '';
    const m = cookie.match(/(?:^|;\s*)B1SESSION=([^;]+)/);
    const user = m ? sessions.get(m[1] ?? '') : undefined;
    if (!user) {
      b1Error(res, 401, 301, 'Invalid session or session already timeout.');
      return null;
    }
    return user;
  };

  app.post('/b1s/v1/Logout', (req, res) => {
    const m = (req.get('cookie') ?? '').match(/(?:^|;\s*)B1SESSION=([^;]+)/);
    if (m) sessions.delete(m[1] ?? '');
    logouts++;
    res.status(204).end();
  });

  app.post('/b1s/v1/UsersService_GetCurrentUser', (req, res) => {
    const user = session(req, res);
    if (!user) return;
    res.json({
      'odata.metadata': '$metadata#Users/@Element',
      InternalKey: 1,
      UserCode: user,
      UserName: B1_USERS[user]?.name ?? user,
      Superuser: user === 'manager' ? 'tYES' : 'tNO',
    });
  });

  app.post('/b1s/v1/CompanyService_GetCompanyInfo', (req, res) => {
    if (!session(req, res)) return;
    res.json({
      'odata.metadata': '$metadata#CompanyInfo/@Element',
      CompanyName: 'OEC Computers',
      Version: 1000190,
      LocalCurrency: 'USD',
    });
  });

  app.get('/b1s/v1/:entity', (req, res) => {
    const user = session(req, res);
    if (!user) return;
    const row = ENTITIES[String(req.params.entity)];
    if (!row) {
      b1Error(res, 404, -1, `Unrecognized resource path.`);
      return;
    }
    if (!B1_USERS[user]?.canRead) {
      b1Error(res, 403, -2028, 'You are not permitted to perform this action');
      return;
    }
    res.json({ 'odata.metadata': `$metadata#${String(req.params.entity)}`, value: [row] });
  });

  const sim = await startSimulator({ tls: 'self-signed', ...opts, name: 'sap-business-one', handler: app });
  return extend(sim, {
    sessions,
    get logouts() {
      return logouts;
    },
    reset() {
      sessions.clear();
      logouts = 0;
      sim.clearLog();
    },
  });
}
