/**
 * What SAP NetWeaver Gateway (ICF + OData V2) answers, shared by the S/4HANA Cloud and on-prem simulators:
 * the Basic realm naming the system, CSRF token fetch, OData V2 JSON (`d.results`), Gateway error bodies
 * (`/IWFND/CM_CONSUMER/101`, `/IWFND/MED/170`) and the ICF logon error page.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';

export interface SapSystem {
  sid: string;
  client: string;
}

/** The Basic challenge; its realm names the system and client [U: seen on ICF, not documented]. */
export function basicChallenge(res: Response, sys: SapSystem): void {
  res.set('WWW-Authenticate', `Basic realm="SAP NetWeaver Application Server [${sys.sid}/${sys.client}]"`);
}

/**
 * The ICF logon error page. A bare "Logon failed" unless the system shows details, in which case the
 * ICF_SYSTEM_LOGIN message text and number appear in the page [K].
 */
export function logonFailed(res: Response, sys: SapSystem, detail?: { id?: string; text: string }): void {
  basicChallenge(res, sys);
  res.set('sap-server', 'true');
  const detailHtml = detail
    ? `\n<p class="detailText">${detail.text}${detail.id ? ` (${detail.id})` : ''}</p>`
    : '';
  res
    .status(401)
    .type('text/html; charset=utf-8')
    .send(
      `<html><head><title>Logon Error Message</title></head><body>\n<p class="errorTextHeader"><span>Logon failed</span></p>${detailHtml}\n<p>Server ${sys.sid.toLowerCase()}_${sys.sid}_00, client ${sys.client}</p></body></html>`,
    );
}

/** A Gateway OData error (JSON when the client asked for JSON, as Gateway does with $format/Accept). */
export function gatewayError(
  res: Response,
  status: number,
  code: string,
  message: string,
  serviceId = '',
): void {
  res.set('sap-server', 'true');
  res.status(status).json({
    error: {
      code,
      message: { lang: 'en', value: message },
      innererror: {
        application: {
          component_id: '',
          service_namespace: '/SAP/',
          service_id: serviceId,
          service_version: '0001',
        },
        transactionid: randomBytes(16).toString('hex').toUpperCase(),
        timestamp: '',
        Error_Resolution: {
          SAP_Transaction:
            'For backend administrators: use ADT feed reader "SAP Gateway Error Log" or run transaction /IWFND/ERROR_LOG on SAP Gateway hub system and search for entries with the timestamp above for more details',
          SAP_Note:
            'See SAP Note 1797736 for error analysis (https://service.sap.com/sap/support/notes/1797736)',
        },
        errordetails: [],
      },
    },
  });
}

/** Answer `x-csrf-token: Fetch` with a token and the session cookies, as Gateway does on any GET. */
export function csrfFetch(req: Request, res: Response, sys: SapSystem): void {
  if ((req.get('x-csrf-token') ?? '').toLowerCase() !== 'fetch') return;
  res.set('x-csrf-token', randomBytes(16).toString('base64'));
  res.append(
    'Set-Cookie',
    `SAP_SESSIONID_${sys.sid}_${sys.client}=${randomBytes(24).toString('base64url')}%3d; path=/; secure; HttpOnly`,
  );
  res.append('Set-Cookie', `sap-usercontext=sap-client=${sys.client}; path=/`);
}

/** An OData V2 collection of rows with `__metadata`. */
export function odataCollection(
  req: Request,
  service: string,
  entitySet: string,
  rows: Record<string, unknown>[],
): unknown {
  const base = `${req.protocol}://${req.get('host')}/sap/opu/odata/sap/${service}`;
  return {
    d: {
      results: rows.map((r) => ({
        __metadata: {
          id: `${base}/${entitySet}('${randomUUID()}')`,
          uri: `${base}/${entitySet}('1')`,
          type: `${service}.${entitySet}Type`,
        },
        ...r,
      })),
    },
  };
}

/** A minimal EDMX document for `$metadata` (enough to be recognised as the service's metadata). */
export function metadataXml(service: string, entitySets: string[]): string {
  const sets = entitySets
    .map((s) => `<EntitySet Name="${s}" EntityType="${service}.${s}Type" sap:content-version="1"/>`)
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><edmx:Edmx Version="1.0" xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx" xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata" xmlns:sap="http://www.sap.com/Protocols/SAPData"><edmx:DataServices m:DataServiceVersion="2.0"><Schema Namespace="${service}" xml:lang="en" sap:schema-version="1" xmlns="http://schemas.microsoft.com/ado/2008/09/edm"><EntityContainer Name="${service}_Entities" m:IsDefaultEntityContainer="true">${sets}</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>`;
}

/** The standard S/4HANA APIs our entities map to (service → entity set → one sample row). */
export const S4_SERVICES: Record<string, { entitySet: string; row: Record<string, unknown> }> = {
  API_PURCHASEORDER_PROCESS_SRV: {
    entitySet: 'A_PurchaseOrder',
    row: { PurchaseOrder: '4500000001', CompanyCode: '1010', Supplier: '10300001' },
  },
  API_PRODUCT_SRV: { entitySet: 'A_Product', row: { Product: 'TG11', ProductType: 'HAWA', BaseUnit: 'PC' } },
  'API_MAINTENANCEORDER;v=0002': {
    entitySet: 'MaintenanceOrder',
    row: { MaintenanceOrder: '4000001', MaintenanceOrderType: 'YA01' },
  },
  API_EQUIPMENT: { entitySet: 'Equipment', row: { Equipment: '10000045', EquipmentName: 'Pump P-100' } },
};

/** Parse `Authorization: Basic`; undefined when absent or malformed. */
export function basicCredentials(req: Request): { user: string; password: string } | undefined {
  const h = req.get('authorization') ?? '';
  if (!h.toLowerCase().startsWith('basic ')) return undefined;
  const decoded = Buffer.from(h.slice(6).trim(), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0 ? undefined : { user: decoded.slice(0, i), password: decoded.slice(i + 1) };
}

/** Whether the client asked for JSON ($format=json or Accept: application/json). */
export function wantsJson(req: Request): boolean {
  return req.query.$format === 'json' || (req.get('accept') ?? '').includes('application/json');
}
