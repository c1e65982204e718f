import { normalizeInstanceUrl } from '@flange/protocol';
import type { FieldSpec } from '@flange/protocol';
import { defineConnector } from '../../engine/definition';
import type { HookContext, Predicate } from '../../engine/definition';
import {
  EXPIRED_GUIDANCE,
  LICENSE_GUIDANCE,
  LOCKED_GUIDANCE,
  LOGIN_FAILED_GUIDANCE,
  PASSWORD_GUIDE,
  RIGHTS_GUIDANCE,
} from './guidance';

/**
 * Acumatica (and MYOB Acumatica): cookie session on the contract-based REST API. Sign in with
 * `POST /entity/auth/login` (204 + cookies), read one record per entity from the Default endpoint, and
 * always `POST /entity/auth/logout`: sessions hold licence seats (industrial-systems.md §1 row 25, §3.7).
 * A refused sign-in is HTTP 500 carrying a PXException whose `exceptionMessage` says why.
 */

const ENDPOINT = '/entity/Default/23.200.001';

const exception = (pattern: string): Predicate => ({ json: 'exceptionMessage', matches: pattern });

const instanceUrl: FieldSpec = {
  key: 'instance_url',
  label: 'Acumatica address',
  kind: 'url',
  required: true,
  format: 'url',
  keep_path: true,
  placeholder: 'https://erp.example.com/AcumaticaERP',
  help: 'The address of the sign-in page, with the site folder if there is one.',
  guide_anchor: 'url',
  autocomplete: 'url',
};

/** Pages of the web UI a user may paste; the site root is what precedes them. */
const UI_SEGMENT = /\/(Main|Frames|Pages|Scripts|entity|identity)(\/.*)?$/i;

/** Base URL without a pasted UI page, and empty strings for optional login fields (the body always has them). */
function prepare(ctx: HookContext): void {
  const n = normalizeInstanceUrl(ctx.values['instance_url'] ?? '', { keepPath: true });
  if (n.ok) ctx.baseUrl = n.url.replace(UI_SEGMENT, '');
  ctx.vars['login_tenant'] = ctx.values['tenant'] ?? '';
  ctx.vars['login_branch'] = ctx.values['branch'] ?? '';
}

export const acumatica = defineConnector({
  id: 'acumatica',
  product: 'Acumatica',
  headers: { accept: 'application/json' },
  fingerprint: {
    request: { path: '/Frames/Login.aspx' },
    match: { all: [{ status: 200 }, { body: { matches: 'Acumatica' } }] },
    version: { body: 'Version (\\d+\\.\\d+\\.\\d+)' },
  },
  entities: [
    {
      id: 'inventory_items',
      label: 'Stock items',
      upstream: 'StockItem (IN202500)',
      request: { path: `${ENDPOINT}/StockItem`, query: { $top: '1', $select: 'InventoryID' } },
      success: { all: [{ status: 200 }, { json: [], isArray: true }] },
    },
    {
      id: 'purchase_orders',
      label: 'Purchase orders',
      upstream: 'PurchaseOrder (PO301000)',
      request: { path: `${ENDPOINT}/PurchaseOrder`, query: { $top: '1', $select: 'OrderNbr' } },
      success: { all: [{ status: 200 }, { json: [], isArray: true }] },
    },
    {
      id: 'vendors',
      label: 'Vendors',
      upstream: 'Vendor (AP303000)',
      request: { path: `${ENDPOINT}/Vendor`, query: { $top: '1', $select: 'VendorID' } },
      success: { all: [{ status: 200 }, { json: [], isArray: true }] },
      required: false,
    },
  ],
  authMethods: [
    {
      id: 'password',
      label: 'User name and password',
      description: 'An Acumatica user. API sign-ins skip two-factor authentication by design.',
      fields: [
        instanceUrl,
        {
          key: 'username',
          label: 'User name',
          kind: 'text',
          required: true,
          max_length: 100,
          autocomplete: 'username',
          guide_anchor: 'user',
        },
        {
          key: 'password',
          label: 'Password',
          kind: 'secret',
          required: true,
          max_length: 256,
          autocomplete: 'current-password',
        },
        {
          key: 'tenant',
          label: 'Tenant',
          kind: 'text',
          required: false,
          max_length: 100,
          placeholder: 'Company',
          help: 'Needed when the site hosts several tenants: the name in the tenant list of the sign-in page.',
          guide_anchor: 'tenant',
        },
        {
          key: 'branch',
          label: 'Branch',
          kind: 'text',
          required: false,
          max_length: 60,
          help: 'Optional: the branch to sign in to.',
        },
      ],
      guide: PASSWORD_GUIDE,
      hooks: { prepare },
      auth: {
        type: 'session',
        login: {
          method: 'POST',
          path: '/entity/auth/login',
          body: {
            json: {
              name: '{username}',
              password: '{password}',
              tenant: '{login_tenant}',
              branch: '{login_branch}',
            },
          },
        },
        success: { status: 204 },
        token: { cookie: '.ASPXAUTH' },
      },
      cookies: true,
      authenticate: {
        account: {
          user: { value: '{username}' },
          tenant: { value: '{login_tenant}' },
          company: { value: '{login_branch}' },
        },
      },
      logout: { method: 'POST', path: '/entity/auth/logout' },
      principal: 'username',
      failures: [
        {
          when: exception('^API Login Limit'),
          steps: ['authenticate'],
          code: 'LICENSE_LIMIT',
          message: '{product} refused the sign-in: all web-service API seats of the licence are in use.',
          guidance: LICENSE_GUIDANCE,
          retryable: true,
        },
        {
          when: exception('locked'),
          steps: ['authenticate'],
          code: 'ACCOUNT_LOCKED',
          message:
            'The {product} user is locked out. No further attempts will be made until an administrator unlocks it.',
          param: 'username',
          guidance: LOCKED_GUIDANCE,
        },
        {
          when: exception('password has expired'),
          steps: ['authenticate'],
          code: 'PASSWORD_EXPIRED',
          message: 'The password of this {product} user has expired.',
          param: 'password',
          guidance: EXPIRED_GUIDANCE,
        },
        {
          when: exception('specify a tenant'),
          steps: ['authenticate'],
          code: 'INVALID_CREDENTIALS',
          message: 'This {product} site hosts several tenants: enter the tenant to sign in to.',
          param: 'tenant',
          guidance: LOGIN_FAILED_GUIDANCE,
        },
        {
          when: exception('^Invalid credentials'),
          steps: ['authenticate'],
          code: 'LOGIN_FAILED',
          message: '{product} did not accept the sign-in. It does not say which detail is wrong.',
          param: 'password',
          possible_causes: [
            'The user name or password is wrong.',
            'The tenant name does not match any tenant of this site.',
            'The user is disabled.',
          ],
          guidance: LOGIN_FAILED_GUIDANCE,
        },
        {
          when: { all: [{ status: 403 }, { json: 'message', matches: 'insufficient rights' }] },
          steps: ['authorize'],
          code: 'INSUFFICIENT_PERMISSIONS',
          message: 'The user signed in but may not read {entity} ({entity_upstream}) in {product}.',
          guidance: RIGHTS_GUIDANCE,
        },
      ],
    },
  ],
});
