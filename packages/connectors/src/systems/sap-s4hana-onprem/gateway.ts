import type { EntitySpec, FailureRule, FingerprintSpec, Predicate } from '../../engine/definition';
import { CSRF_NOTE, MISSING_SERVICE_GUIDANCE } from './guidance';

/**
 * What SAP Gateway (ICF + OData V2) tells us, shared by S/4HANA on-prem and S/4HANA Cloud. Facts from
 * shared/reference/industrial-systems.md §1 rows 3–4 and §3.2: a logon failure is a 401 whose reason is
 * usually hidden; some systems print the ICF_SYSTEM_LOGIN message in the logon page; a missing service
 * authorization is 403 `/IWFND/CM_CONSUMER/101`; an inactive service is 404 `/IWFND/MED/170`.
 */

/** An ABAP ICF answer: its Basic realm names "SAP NetWeaver Application Server [SID/client]", or `sap-server`. */
export const SAP_FINGERPRINT_MATCH: Predicate = {
  any: [
    { header: 'www-authenticate', matches: 'SAP NetWeaver Application Server|SAP Web Application Server' },
    { header: 'sap-server', exists: true },
  ],
};

export function sapFingerprint(path: string, product: string): FingerprintSpec {
  return { request: { path }, match: SAP_FINGERPRINT_MATCH, product };
}

const gatewayCode = (code: string): Predicate => ({ json: 'error.code', equals: code });
const icf = (id: string, text: string): Predicate => ({
  all: [{ status: 401 }, { any: [{ body: { contains: id } }, { body: { contains: text } }] }],
});

/** Failure rules for a Basic logon to ICF; `userField`/`passwordField` name the form fields to fix. */
export function icfLogonRules(opts: {
  userField: string;
  passwordField: string;
  clientField?: string;
  where: string[];
}): FailureRule[] {
  const rules: FailureRule[] = [
    {
      when: icf('ICF_SYSTEM_LOGIN/065', 'The user is locked'),
      code: 'ACCOUNT_LOCKED',
      message:
        '{product} says this user is locked. No further attempts will be made until an administrator unlocks it.',
      param: opts.userField,
      upstream_code: 'ICF_SYSTEM_LOGIN/065',
      guidance: {
        title: 'Unlock the user',
        steps: [
          'An SAP user administrator unlocks the user in transaction SU01 (Lock/Unlock), or in the Maintain Communication Users app on S/4HANA Cloud.',
          'Check the password before trying again: SAP locks a user after a few failed logons (login/fails_to_user_lock, 5 by default).',
        ],
      },
    },
    {
      when: icf('ICF_SYSTEM_LOGIN/016', 'password has expired'),
      code: 'PASSWORD_EXPIRED',
      message: 'The password of this {product} user has expired and must be changed.',
      param: opts.passwordField,
      upstream_code: 'ICF_SYSTEM_LOGIN/016',
      guidance: {
        title: 'Use a user whose password does not expire',
        steps: [
          'Change the password by signing in once with SAP GUI, or ask the administrator to set a new one in SU01.',
          'For integrations use a user of type System or Communication: their passwords are not subject to expiry.',
        ],
      },
    },
    {
      when: icf('ICF_SYSTEM_LOGIN/015', 'initial password'),
      code: 'PASSWORD_EXPIRED',
      message:
        'This {product} user still has an initial password, which must be changed before it can be used.',
      param: opts.passwordField,
      upstream_code: 'ICF_SYSTEM_LOGIN/015',
      guidance: {
        title: 'Set a productive password',
        steps: [
          'Sign in once with SAP GUI and change the password, or have the administrator set a productive password in SU01.',
          'A user of type System or Communication never needs the change (profile parameter icf/reject_expired_passwd rejects such logons).',
        ],
      },
    },
  ];
  if (opts.clientField !== undefined) {
    rules.push({
      when: { all: [{ status: 401 }, { body: { matches: 'Client \\d+ is not available' } }] },
      code: 'INVALID_CREDENTIALS',
      message: 'This SAP system has no such client. Check the three-digit client number.',
      param: opts.clientField,
    });
  }
  rules.push({
    when: { status: 401 },
    steps: ['authenticate'],
    code: 'LOGIN_FAILED',
    message: '{product} refused the logon without saying why. It is one of the causes below.',
    param: opts.passwordField,
    possible_causes: [
      'The user name or password is wrong (SAP passwords are case-sensitive).',
      'The user is locked after too many failed logons, or locked by an administrator.',
      'The password has expired, or is an initial password that must be changed.',
      'The user is outside its validity period.',
    ],
    guidance: { title: 'Find the real reason', steps: opts.where },
  });
  return rules;
}

/** 403 and 404 answers of Gateway for services: no S_SERVICE / arrangement, or the service is not active. */
export function gatewayServiceRules(authorizeHint: string): FailureRule[] {
  return [
    {
      when: gatewayCode('/IWFND/CM_CONSUMER/101'),
      steps: ['authenticate'],
      code: 'INSUFFICIENT_PERMISSIONS',
      message: 'The user signed in, but is not authorized to use the {product} service we call.',
      upstream_code: '/IWFND/CM_CONSUMER/101',
      guidance: { title: 'Grant the service', steps: [authorizeHint] },
    },
    {
      when: gatewayCode('/IWFND/CM_CONSUMER/101'),
      steps: ['authorize'],
      code: 'INSUFFICIENT_PERMISSIONS',
      message: 'The user signed in, but is not authorized to read {entity} (service {entity_upstream}).',
      upstream_code: '/IWFND/CM_CONSUMER/101',
      guidance: { title: 'Grant the service', steps: [authorizeHint] },
    },
    {
      when: gatewayCode('/IWFND/MED/170'),
      code: 'FEATURE_DISABLED',
      message: 'The service for {entity} ({entity_upstream}) is not active on this system.',
      upstream_code: '/IWFND/MED/170',
      guidance: MISSING_SERVICE_GUIDANCE,
    },
    {
      when: { all: [{ status: 403 }, { header: 'x-csrf-token', equals: 'Required' }] },
      code: 'UPSTREAM_ERROR',
      message: `{product} asked for a CSRF token. ${CSRF_NOTE}`,
    },
  ];
}

const odataOk: Predicate = { all: [{ status: 200 }, { json: 'd.results', isArray: true }] };

/** The standard S/4HANA APIs behind our entities (OData V2, one row each). */
export function s4Entities(query: Record<string, string> = {}): EntitySpec[] {
  const read = (service: string, set: string) => ({
    path: `/sap/opu/odata/sap/${service}/${set}`,
    query: { $top: '1', $format: 'json', ...query },
  });
  return [
    {
      id: 'purchase_orders',
      label: 'Purchase orders',
      upstream: 'API_PURCHASEORDER_PROCESS_SRV',
      request: read('API_PURCHASEORDER_PROCESS_SRV', 'A_PurchaseOrder'),
      success: odataOk,
    },
    {
      id: 'products',
      label: 'Products',
      upstream: 'API_PRODUCT_SRV',
      request: read('API_PRODUCT_SRV', 'A_Product'),
      success: odataOk,
    },
    {
      id: 'maintenance_orders',
      label: 'Maintenance orders',
      upstream: 'API_MAINTENANCEORDER',
      request: read('API_MAINTENANCEORDER;v=0002', 'MaintenanceOrder'),
      success: odataOk,
      required: false,
    },
    {
      id: 'equipment',
      label: 'Equipment',
      upstream: 'API_EQUIPMENT',
      request: read('API_EQUIPMENT', 'Equipment'),
      success: odataOk,
      required: false,
    },
  ];
}
