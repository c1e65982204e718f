/**
 * Epicor Kinetic (ERP 10+) REST v2: HTTP Basic plus the mandatory `X-API-Key` header, company in the path.
 *
 * Calls we make: `GET /{instance}/api/v2/odata/{company}/Erp.BO.CompanySvc/Companies?$top=1` (identity:
 * the company) [U exact path], then `$top=1` reads on Erp.BO.POSvc/POes, Erp.BO.PartSvc/Parts,
 * Erp.BO.JobEntrySvc/JobEntries [K].
 *
 * Signals, in Epicor's REST error shape {HttpStatus, ReasonPhrase, ErrorMessage, ErrorType, CorrelationId}
 * [K shape]: 401 when the API key is missing or wrong even with a correct password [K]; 401 for a wrong
 * user name or password; locked account, expired password and "all licences in use" name themselves in the
 * message [K that seat exhaustion is reported; U texts]; a company the user may not use, and a business
 * object its security denies, are refused with 403 [U].
 */
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { startSimulator } from '../framework/simulator';
import type { Simulator } from '../framework/simulator';
import { basicCredentials } from '../sap-gateway/odata';
import { productApp } from '../support/serve';
import type { ProductSimulatorOptions } from '../support/serve';

export const EPICOR_INSTANCE = 'KineticLive';
export const EPICOR_COMPANY = 'EPIC06';
export const EPICOR_API_KEYS: Record<string, { expired?: boolean }> = {
  'epicor-key-good': {},
  'epicor-key-expired': { expired: true },
};

export const EPICOR_USERS: Record<
  string,
  { password: string; companies: string[]; services: string[]; state?: 'locked' | 'expired' | 'no_license' }
> = {
  manager: {
    password: 'pass_good',
    companies: [EPICOR_COMPANY],
    services: ['Erp.BO.CompanySvc', 'Erp.BO.POSvc', 'Erp.BO.PartSvc', 'Erp.BO.JobEntrySvc'],
  },
  user_locked: { password: 'pass_good', companies: [EPICOR_COMPANY], services: [], state: 'locked' },
  user_expired: { password: 'pass_good', companies: [EPICOR_COMPANY], services: [], state: 'expired' },
  user_nolicense: { password: 'pass_good', companies: [EPICOR_COMPANY], services: [], state: 'no_license' },
  user_noauth: { password: 'pass_good', companies: [EPICOR_COMPANY], services: ['Erp.BO.CompanySvc'] },
};

const SETS: Record<string, { set: string; row: Record<string, unknown> }> = {
  'Erp.BO.CompanySvc': {
    set: 'Companies',
    row: { Company: EPICOR_COMPANY, Name: 'Epicor Education', City: 'Minneapolis' },
  },
  'Erp.BO.POSvc': {
    set: 'POes',
    row: { Company: EPICOR_COMPANY, PONum: 4127, VendorNum: 12, OpenOrder: true },
  },
  'Erp.BO.PartSvc': {
    set: 'Parts',
    row: { Company: EPICOR_COMPANY, PartNum: '00C1', PartDescription: 'Widget' },
  },
  'Erp.BO.JobEntrySvc': {
    set: 'JobEntries',
    row: { Company: EPICOR_COMPANY, JobNum: '4000', PartNum: '00C1', JobReleased: true },
  },
};

function epicorError(res: Response, status: number, message: string, type: string) {
  res.status(status).json({
    HttpStatus: status,
    ReasonPhrase: 'REST API Exception',
    ErrorMessage: message,
    ErrorType: type,
    CorrelationId: randomUUID(),
  });
}

/** Start the Kinetic simulator (instance path /KineticLive). */
export async function startEpicorSimulator(opts: ProductSimulatorOptions = {}): Promise<Simulator> {
  const app = productApp();
  app.get(`/:instance/api/v2/odata/:company/:service/:set`, (req, res) => {
    if (req.params.instance !== EPICOR_INSTANCE) {
      res
        .status(404)
        .type('text/html')
        .send('<html><body><h2>404 - File or directory not found.</h2></body></html>');
      return;
    }
    const key = req.get('x-api-key');
    if (key === undefined || !EPICOR_API_KEYS[key])
      return epicorError(
        res,
        401,
        'Invalid or missing API Key.',
        'Epicor.RESTApi.ErrorHandling.ApiKeyException',
      );
    if (EPICOR_API_KEYS[key]?.expired)
      return epicorError(res, 401, 'API Key has expired.', 'Epicor.RESTApi.ErrorHandling.ApiKeyException');
    const creds = basicCredentials(req);
    const user = creds ? EPICOR_USERS[creds.user.toLowerCase()] : undefined;
    if (!creds || !user || user.password !== creds.password) {
      res.set('WWW-Authenticate', 'Basic realm="Epicor"');
      return epicorError(res, 401, 'Incorrect username or password.', 'Ice.Common.UserNamePasswordException');
    }
    if (user.state === 'locked')
      return epicorError(
        res,
        401,
        'Your account has been locked. Contact your system administrator.',
        'Ice.Common.AccountLockedException',
      );
    if (user.state === 'expired')
      return epicorError(
        res,
        401,
        'Your password has expired and must be changed.',
        'Ice.Common.PasswordExpiredException',
      );
    if (user.state === 'no_license')
      return epicorError(
        res,
        409,
        'All licenses of type Default User are in use. Please try again later.',
        'Ice.Common.LicenseException',
      );
    const company = String(req.params.company);
    if (!user.companies.includes(company))
      return epicorError(
        res,
        403,
        `User does not have access to company ${company.slice(0, 20)}.`,
        'Ice.Common.CompanyAccessException',
      );
    const service = String(req.params.service);
    const def = SETS[service];
    if (!def || def.set !== req.params.set)
      return epicorError(
        res,
        404,
        `Service ${service.slice(0, 40)} not found.`,
        'Epicor.RESTApi.ErrorHandling.ApiNotFoundException',
      );
    if (!user.services.includes(service))
      return epicorError(
        res,
        403,
        `Access to ${service} is denied by its security settings.`,
        'Ice.Common.SecurityException',
      );
    const base = `${req.protocol}://${req.get('host')}/${EPICOR_INSTANCE}/api/v2/odata/${company}/${service}`;
    res.json({ '@odata.context': `${base}/$metadata#${def.set}`, value: [def.row] });
  });
  return startSimulator({ ...opts, name: 'epicor-kinetic', handler: app });
}
