import type { FieldSpec } from '@flange/protocol';
import { defineConnector } from '../../engine/definition';
import type { FailureRule, Predicate, ValueSource } from '../../engine/definition';
import {
  API_KEY_GUIDANCE,
  API_KEY_GUIDE,
  LOGIN_FAILED_GUIDANCE,
  MAXAUTH_GUIDE,
  OBJECT_STRUCTURE_GUIDANCE,
  IP_BLOCKED_GUIDANCE,
} from './guidance';

/**
 * IBM Maximo: MAS Manage (API key in the `apikey` header, REST API under /maximo/api) and Maximo 7.6
 * native authentication (`maxauth` = base64(user:password), OSLC API under /maximo/oslc, which opens a
 * server session we end with /maximo/oslc/logout). Signals from shared/reference/industrial-systems.md §3.1.
 */

/** Maximo errors come as `{"Error":{"reasonCode":…}}` (lean) or `{"oslc:Error":{"spi:reasonCode":…}}`. */
const reason = (code: string): Predicate => ({
  any: [
    { json: 'Error.reasonCode', equals: code },
    { json: ['oslc:Error', 'spi:reasonCode'], equals: code },
  ],
});
const REASON_CODE: ValueSource = { json: ['Error.reasonCode', ['oslc:Error', 'spi:reasonCode']] };

const instanceUrl: FieldSpec = {
  key: 'instance_url',
  label: 'Maximo address',
  kind: 'url',
  required: true,
  format: 'url',
  placeholder: 'https://maximo.example.com',
  help: 'The address you open Maximo at in your browser. Paths such as /maximo/webclient are removed.',
  autocomplete: 'url',
};

const ipBlocked: FailureRule = {
  when: reason('BMXAA7878E'),
  code: 'IP_BLOCKED',
  message:
    '{product} has blocked our address after too many failed sign-ins. No further attempts will be made until an administrator unblocks it.',
  guidance: IP_BLOCKED_GUIDANCE,
  upstream_code: REASON_CODE,
};

const notAuthorizedForObjectStructure: FailureRule = {
  when: { any: [reason('BMXAA9301E'), reason('BMXAA0024E')] },
  steps: ['authorize'],
  code: 'INSUFFICIENT_PERMISSIONS',
  message: 'The account signed in, but is not allowed to read {entity} (object structure {entity_upstream}).',
  guidance: OBJECT_STRUCTURE_GUIDANCE,
  upstream_code: REASON_CODE,
};

/** Any Maximo error JSON answered without credentials: the product is Maximo. */
const MAXIMO_ERROR_JSON: Predicate = {
  any: [
    { json: 'Error.reasonCode', matches: '^BMXAA\\d{4}[EWI]$' },
    { json: ['oslc:Error', 'spi:reasonCode'], matches: '^BMXAA\\d{4}[EWI]$' },
  ],
};
/** MAS sends browsers and unauthenticated API calls to its OIDC provider. */
const MAS_OIDC_REDIRECT: Predicate = {
  all: [
    { status: [301, 302, 303, 307, 308] },
    { header: 'location', matches: '/oidc/endpoint/MaximoAppSuite/' },
  ],
};

const entityQuery = (select: string) => ({ 'oslc.pageSize': '1', 'oslc.select': select, lean: '1' });
const collectionOk: Predicate = { all: [{ status: 200 }, { json: 'member', isArray: true }] };

export const ibmMaximo = defineConnector({
  id: 'ibm-maximo',
  product: 'IBM Maximo',
  summary: {
    id: 'ibm-maximo',
    name: 'IBM Maximo',
    vendor: 'IBM',
    category: 'eam_cmms',
    deployment: ['cloud', 'on_prem'],
    aliases: ['MAS', 'Maximo Application Suite', 'Maximo Manage', 'Maximo 7.6'],
    availability: 'available',
    popularity: 96,
    logo: { monogram: 'Mx', background: '#0f62fe', foreground: '#ffffff' },
  },
  headers: { accept: 'application/json' },
  fingerprint: {
    request: { path: '/maximo/oslc/whoami', query: { lean: '1' } },
    match: { any: [{ all: [{ status: [400, 401, 403] }, MAXIMO_ERROR_JSON] }, MAS_OIDC_REDIRECT] },
    variants: [{ when: MAS_OIDC_REDIRECT, product: 'IBM Maximo Application Suite' }],
  },
  entities: [
    {
      id: 'work_orders',
      label: 'Work orders',
      upstream: 'MXAPIWODETAIL',
      request: { path: '{api_root}/os/mxapiwodetail', query: entityQuery('wonum') },
      success: collectionOk,
    },
    {
      id: 'assets',
      label: 'Assets',
      upstream: 'MXAPIASSET',
      request: { path: '{api_root}/os/mxapiasset', query: entityQuery('assetnum') },
      success: collectionOk,
    },
    {
      id: 'locations',
      label: 'Locations',
      upstream: 'MXAPIOPERLOC',
      request: { path: '{api_root}/os/mxapioperloc', query: entityQuery('location') },
      success: collectionOk,
      required: false,
    },
    {
      id: 'inventory',
      label: 'Inventory',
      upstream: 'MXAPIINVENTORY',
      request: { path: '{api_root}/os/mxapiinventory', query: entityQuery('itemnum') },
      success: collectionOk,
      required: false,
    },
  ],
  authMethods: [
    {
      id: 'api_key',
      label: 'API key',
      description: 'Maximo Manage in Maximo Application Suite (MAS 8/9), or Maximo 7.6.0.9 and later.',
      fields: [
        instanceUrl,
        {
          key: 'api_key',
          label: 'API key',
          kind: 'secret',
          required: true,
          min_length: 8,
          max_length: 512,
          help: 'Created in Maximo in the API Keys application, for the user the integration acts as.',
          guide_anchor: 'api-key',
          autocomplete: 'off',
        },
      ],
      guide: API_KEY_GUIDE,
      vars: { api_root: '/maximo/api' },
      auth: { type: 'static_key', headers: { apikey: '{api_key}' } },
      authenticate: {
        request: { path: '{api_root}/whoami', query: { lean: '1' } },
        success: { all: [{ status: 200 }, { json: 'userName', exists: true }] },
        account: {
          user: { json: ['loginID', 'userName'] },
          display_name: { json: 'displayName' },
          company: { json: ['insertOrg', 'defaultOrg'] },
        },
      },
      principal: 'api_key',
      failures: [
        {
          when: reason('BMXAA9549E'),
          code: 'INVALID_CREDENTIALS',
          message: '{product} did not accept this API key: it is mistyped, expired, or was revoked.',
          param: 'api_key',
          possible_causes: [
            'The key was not copied completely.',
            'The key has expired (keys can be created with an expiry).',
            'An administrator revoked the key.',
            'The key belongs to another Maximo environment (test instead of production).',
          ],
          guidance: API_KEY_GUIDANCE,
          upstream_code: REASON_CODE,
        },
        {
          when: reason('BMXAA7901E'),
          code: 'LOGIN_FAILED',
          message: '{product} refused the sign-in without saying why.',
          param: 'api_key',
          possible_causes: [
            'Maximo is in admin mode, which refuses every sign-in, correct keys included.',
            'The user the key belongs to is locked, inactive or blocked.',
            'The user is not allowed to sign in (security group without the right to log in).',
          ],
          guidance: LOGIN_FAILED_GUIDANCE,
          upstream_code: REASON_CODE,
        },
      ],
    },
    {
      id: 'maxauth',
      label: 'User name and password',
      description: 'Maximo Asset Management 7.6 with native Maximo authentication.',
      fields: [
        instanceUrl,
        {
          key: 'username',
          label: 'User name',
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
      guide: MAXAUTH_GUIDE,
      vars: { api_root: '/maximo/oslc' },
      auth: { type: 'basic', header: 'maxauth', scheme: '', username: '{username}', password: '{password}' },
      // Every maxauth call would open its own server session; one cookie keeps it to one, ended by logout.
      cookies: true,
      authenticate: {
        request: { path: '{api_root}/whoami', query: { lean: '1' } },
        success: { all: [{ status: 200 }, { json: 'userName', exists: true }] },
        account: {
          user: { json: ['loginID', 'userName'] },
          display_name: { json: 'displayName' },
          company: { json: ['insertOrg', 'defaultOrg'] },
        },
      },
      logout: { path: '/maximo/oslc/logout' },
      principal: 'username',
      failures: [
        {
          when: reason('BMXAA7901E'),
          code: 'LOGIN_FAILED',
          message:
            '{product} refused the sign-in. For security it does not say why; it is one of the causes below.',
          param: 'password',
          possible_causes: [
            'The user name or password is wrong.',
            'The user is locked or blocked after failed sign-ins.',
            'The user is inactive, or its password has expired.',
            'Maximo is in admin mode and refuses all sign-ins.',
          ],
          guidance: LOGIN_FAILED_GUIDANCE,
          upstream_code: REASON_CODE,
        },
        {
          when: reason('BMXAA0021E'),
          code: 'INVALID_CREDENTIALS',
          message: '{product} did not accept the user name and password.',
          param: 'password',
          upstream_code: REASON_CODE,
        },
      ],
    },
  ],
  failures: [ipBlocked, notAuthorizedForObjectStructure],
});
