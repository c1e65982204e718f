import { defineConnector } from '../../engine/definition';
import type { Predicate } from '../../engine/definition';
import {
  LOGIN_FAILED_GUIDANCE,
  PERMISSION_GUIDANCE,
  LICENSE_GUIDANCE,
  SERVICE_LAYER_GUIDE,
  LOCKED_GUIDANCE,
} from './guidance';

const B1_CODE = { json: 'error.code' } as const;
const message = (re: string): Predicate => ({ json: 'error.message.value', matches: re });
const valueOk: Predicate = { all: [{ status: 200 }, { json: 'value', isArray: true }] };

/**
 * SAP Business One Service Layer: Login for a session (cookies B1SESSION/ROUTEID), the current user as
 * identity, one read per entity, Logout (sessions hold licence seats). industrial-systems.md §1 row 5, §3.3.
 */
export const sapBusinessOne = defineConnector({
  id: 'sap-business-one',
  product: 'SAP Business One',
  summary: {
    id: 'sap-business-one',
    name: 'SAP Business One',
    vendor: 'SAP',
    category: 'erp',
    deployment: ['on_prem', 'cloud'],
    aliases: ['B1', 'SAP B1', 'Business One Service Layer', 'SAP Business One HANA'],
    availability: 'available',
    popularity: 80,
    logo: { monogram: 'B1', background: '#f0ab00', foreground: '#1b1b1b' },
  },
  headers: { accept: 'application/json' },
  entities: [
    {
      id: 'purchase_orders',
      label: 'Purchase orders',
      upstream: 'PurchaseOrders',
      request: { path: '/b1s/v1/PurchaseOrders', query: { $top: '1', $select: 'DocEntry' } },
      success: valueOk,
    },
    {
      id: 'items',
      label: 'Items',
      upstream: 'Items',
      request: { path: '/b1s/v1/Items', query: { $top: '1', $select: 'ItemCode' } },
      success: valueOk,
    },
    {
      id: 'production_orders',
      label: 'Production orders',
      upstream: 'ProductionOrders',
      request: { path: '/b1s/v1/ProductionOrders', query: { $top: '1', $select: 'AbsoluteEntry' } },
      success: valueOk,
      required: false,
    },
  ],
  authMethods: [
    {
      id: 'service_layer',
      label: 'Company database user',
      description:
        'A Business One user of the company database, through the Service Layer (https, port 50000 by default).',
      fields: [
        {
          key: 'instance_url',
          label: 'Service Layer address',
          kind: 'url',
          required: true,
          format: 'url',
          placeholder: 'https://b1.example.com:50000',
          help: 'The host and port of the Service Layer (https://<server>:50000). A path such as /b1s/v1 is removed.',
          guide_anchor: 'url',
          autocomplete: 'url',
        },
        {
          key: 'company_db',
          label: 'Company database',
          kind: 'text',
          required: true,
          max_length: 100,
          placeholder: 'SBODEMOUS',
          guide_anchor: 'company',
        },
        {
          key: 'username',
          label: 'User code',
          kind: 'text',
          required: true,
          max_length: 100,
          autocomplete: 'username',
        },
        {
          key: 'password',
          label: 'Password',
          kind: 'secret',
          required: true,
          max_length: 256,
          autocomplete: 'current-password',
        },
      ],
      guide: SERVICE_LAYER_GUIDE,
      auth: {
        type: 'session',
        login: {
          method: 'POST',
          path: '/b1s/v1/Login',
          body: { json: { CompanyDB: '{company_db}', UserName: '{username}', Password: '{password}' } },
        },
        success: { all: [{ status: 200 }, { json: 'SessionId', exists: true }] },
        token: { cookie: 'B1SESSION' },
      },
      cookies: true,
      authenticate: {
        request: { method: 'POST', path: '/b1s/v1/UsersService_GetCurrentUser' },
        success: { all: [{ status: 200 }, { json: 'UserCode', exists: true }] },
        account: {
          user: { json: 'UserCode' },
          display_name: { json: 'UserName' },
          company: { value: '{company_db}' },
        },
      },
      logout: { method: 'POST', path: '/b1s/v1/Logout' },
      principal: 'username',
      failures: [
        {
          when: { all: [{ status: 401 }, message('[Ll]ocked')] },
          steps: ['authenticate'],
          code: 'ACCOUNT_LOCKED',
          message:
            '{product} says this user is locked. No further attempts will be made until it is unlocked.',
          param: 'username',
          upstream_code: B1_CODE,
          guidance: LOCKED_GUIDANCE,
        },
        {
          when: { all: [{ status: 401 }, message('[Ll]icen[cs]e')] },
          steps: ['authenticate'],
          code: 'LICENSE_LIMIT',
          message: 'The user signed in, but {product} has no licence available for it.',
          param: 'username',
          upstream_code: B1_CODE,
          guidance: LICENSE_GUIDANCE,
        },
        {
          when: { json: 'error.code', equals: -304 },
          steps: ['authenticate'],
          code: 'LOGIN_FAILED',
          message: '{product} refused the sign-in (error -304). It does not say which value is wrong.',
          param: 'password',
          upstream_code: '-304',
          possible_causes: [
            'The user code or password is wrong (both are case-sensitive).',
            'The company database name is wrong (it is the database name, such as SBODEMOUS, not the company name).',
            'The System Landscape Directory (SLD) cannot find the database credentials for this company.',
          ],
          guidance: LOGIN_FAILED_GUIDANCE,
        },
      ],
    },
  ],
  failures: [
    {
      when: { any: [message('[Nn]ot permitted'), message('[Nn]o authori[sz]ation')] },
      steps: ['authorize'],
      code: 'INSUFFICIENT_PERMISSIONS',
      message: 'The user signed in, but is not permitted to read {entity} ({entity_upstream}).',
      guidance: PERMISSION_GUIDANCE,
    },
  ],
});
