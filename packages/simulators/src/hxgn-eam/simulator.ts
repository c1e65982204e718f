/**
 * HxGN EAM (formerly Infor EAM) REST web services under `/axis/restservices`.
 *
 * Public facts [V]: the `tenant` and `organization` headers are required on every call; authentication is
 * HTTP Basic or an API key (public code sends `X-API-Key`) [K]. Everything else here is a guess [U]: no
 * public reference gives a cheap read or the error bodies, so the simulator reads grids (the screens'
 * function codes are real: WSJOBS work orders, OSOBJA assets, PSPORD purchase orders, SSPART parts) through
 * `POST /axis/restservices/grids` and answers errors in the `ErrorAlert` envelope the product's responses
 * use. The connector classifies by status first and by message text second, so an envelope that differs
 * in the real product degrades to the generic message for that status rather than to a wrong one.
 */
import express from 'express';
import type { Request, Response } from 'express';
import { startSimulator } from '../framework/simulator';
import type { Simulator } from '../framework/simulator';
import { basicCredentials } from '../sap-gateway/odata';
import { productApp } from '../support/serve';
import type { ProductSimulatorOptions } from '../support/serve';

export const EAM_TENANT = 'ACME_PRD';
export const EAM_ORGANIZATIONS = ['PLANT1', 'PLANT2'];

const GRIDS: Record<string, Record<string, string>> = {
  WSJOBS: { workordernum: '10023', description: 'Replace conveyor belt', status: 'R' },
  OSOBJA: { equipmentno: 'PUMP-100', description: 'Centrifugal pump', department: 'MAINT' },
  PSPORD: { ordernum: '4500123', supplier: 'GRAINGER', status: 'A' },
  SSPART: { partcode: 'BRG-6204', description: 'Ball bearing 6204', uom: 'EA' },
};

interface EamPrincipal {
  user: string;
  grids: string[];
  state?: 'locked' | 'expired';
}

export const EAM_USERS: Record<string, EamPrincipal & { password: string }> = {
  USER_GOOD: { user: 'USER_GOOD', password: 'pass_good', grids: Object.keys(GRIDS) },
  USER_LOCKED: { user: 'USER_LOCKED', password: 'pass_good', grids: [], state: 'locked' },
  USER_EXPIRED: { user: 'USER_EXPIRED', password: 'pass_good', grids: [], state: 'expired' },
  USER_NOAUTH: { user: 'USER_NOAUTH', password: 'pass_good', grids: [] },
};

export const EAM_API_KEYS: Record<string, EamPrincipal> = {
  'eam-key-good': { user: 'API_FLANGE', grids: Object.keys(GRIDS) },
  'eam-key-expired': { user: 'API_FLANGE', grids: [], state: 'expired' },
  'eam-key-partial': { user: 'API_PLANNER', grids: ['WSJOBS', 'OSOBJA'] },
};

function envelope(res: Response, status: number, message: string, name: string) {
  res.status(status).json({
    Result: null,
    ErrorAlert: [{ Name: name, Message: message }],
    WarningAlert: [],
    InfoAlert: [],
    Alerts: [],
  });
}

/** Start the HxGN EAM simulator. */
export async function startHxgnEamSimulator(opts: ProductSimulatorOptions = {}): Promise<Simulator> {
  const app = productApp();

  const principal = (req: Request, res: Response): EamPrincipal | null => {
    const key = req.get('x-api-key');
    const basic = basicCredentials(req);
    let p: EamPrincipal | undefined;
    if (key !== undefined) {
      p = EAM_API_KEYS[key];
      if (!p) return (envelope(res, 401, 'Invalid API key.', 'InvalidApiKey'), null);
      if (p.state === 'expired')
        return (envelope(res, 401, 'The API key has expired.', 'ApiKeyExpired'), null);
    } else if (basic) {
      const u = EAM_USERS[basic.user.toUpperCase()];
      if (!u || u.password !== basic.password)
        return (envelope(res, 401, 'Invalid username or password.', 'InvalidCredentials'), null);
      if (u.state === 'locked') return (envelope(res, 401, 'User account is locked.', 'AccountLocked'), null);
      if (u.state === 'expired')
        return (envelope(res, 401, 'Password has expired.', 'PasswordExpired'), null);
      p = u;
    } else {
      res.set('WWW-Authenticate', 'Basic realm="HxGN EAM"');
      return (envelope(res, 401, 'Authentication required.', 'InvalidCredentials'), null);
    }
    const tenant = req.get('tenant');
    if (!tenant) return (envelope(res, 400, 'The tenant header is required.', 'MissingTenant'), null);
    if (tenant.toUpperCase() !== EAM_TENANT)
      return (envelope(res, 401, `Tenant ${tenant.slice(0, 40)} is not valid.`, 'InvalidTenant'), null);
    const org = req.get('organization');
    if (!org)
      return (envelope(res, 400, 'The organization header is required.', 'MissingOrganization'), null);
    if (!EAM_ORGANIZATIONS.includes(org.toUpperCase()))
      return (
        envelope(
          res,
          403,
          `Organization ${org.slice(0, 40)} is not valid for user ${p.user}.`,
          'InvalidOrganization',
        ),
        null
      );
    return p;
  };

  app.post('/axis/restservices/grids', express.json({ type: () => true, limit: '64kb' }), (req, res) => {
    const p = principal(req, res);
    if (!p) return;
    const body = (req.body ?? {}) as {
      GRID?: { GRID_NAME?: string; NUMBER_OF_ROWS_FIRST_RETURNED?: number };
    };
    const grid = String(body.GRID?.GRID_NAME ?? '');
    const row = GRIDS[grid];
    if (!row) return envelope(res, 404, `Grid ${grid.slice(0, 20)} does not exist.`, 'GridNotFound');
    if (!p.grids.includes(grid))
      return envelope(res, 403, `You are not authorized to access function ${grid}.`, 'NotAuthorized');
    res.json({
      Result: {
        ResultData: {
          GRIDNAME: grid,
          RECORDS: '1',
          MORERECORDPRESENT: '+',
          DATARECORD: [
            { DATAFIELD: Object.entries(row).map(([FIELDNAME, FIELDVALUE]) => ({ FIELDNAME, FIELDVALUE })) },
          ],
        },
      },
      ErrorAlert: [],
      WarningAlert: [],
      InfoAlert: [],
      Alerts: [],
    });
  });

  return startSimulator({ ...opts, name: 'hxgn-eam', handler: app });
}
