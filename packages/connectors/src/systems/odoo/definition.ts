import type { FieldSpec } from '@flange/protocol';
import { defineConnector } from '../../engine/definition';
import type { EntitySpec, FailureRule, Predicate } from '../../engine/definition';
import {
  ACCESS_GUIDANCE,
  API_KEY_GUIDE,
  KEY_GUIDANCE,
  LOGIN_GUIDANCE,
  PASSWORD_GUIDE,
  PLAN_GUIDANCE,
  VERSION_GUIDANCE,
} from './guidance';
import { executeKw, raw, rpcCall, str } from './rpc';

/**
 * Odoo (Online, Odoo.sh, self-hosted): the JSON-2 API with an API key (19.0+, real HTTP statuses), and the
 * JSON-RPC API with login + password or key (deprecated in 19, removed in 22), whose `authenticate` answers
 * HTTP 200 with `false` on bad credentials (industrial-systems.md §1 row 26, §3.6). `common.version` needs
 * no credentials and names the server version (the fingerprint).
 */

/** The exception class of an error: JSON-2 puts it at `name`, JSON-RPC at `error.data.name`. */
const exceptionIs = (name: string): Predicate => ({
  any: [
    { json: 'name', equals: name },
    { json: 'error.data.name', equals: name },
  ],
});
const messageMatches = (re: string): Predicate => ({
  any: [
    { json: 'message', matches: re },
    { json: 'error.data.message', matches: re },
  ],
});
const EXCEPTION = { json: ['name', 'error.data.name'] };

const instanceUrl: FieldSpec = {
  key: 'instance_url',
  label: 'Odoo address',
  kind: 'url',
  required: true,
  format: 'url',
  placeholder: 'https://acme.odoo.com',
  help: 'The address you open Odoo at.',
  autocomplete: 'url',
};
const database: FieldSpec = {
  key: 'database',
  label: 'Database',
  kind: 'text',
  required: true,
  max_length: 100,
  pattern: '^[A-Za-z0-9_.-]+$',
  pattern_message: 'A database name has letters, digits, dots, dashes and underscores only.',
  placeholder: 'acme',
  help: 'On Odoo Online, usually the subdomain of your address.',
  guide_anchor: 'database',
};

/** Product-wide signals, for both APIs. */
const COMMON_RULES: FailureRule[] = [
  {
    when: { all: [exceptionIs('odoo.exceptions.AccessDenied'), messageMatches('plan')] },
    code: 'FEATURE_DISABLED',
    message:
      'This Odoo subscription does not include the external API (Odoo Online offers it on the Custom plan).',
    guidance: PLAN_GUIDANCE,
    upstream_code: EXCEPTION,
  },
  {
    when: {
      any: [
        exceptionIs('psycopg2.OperationalError'),
        { all: [{ status: 404 }, { json: 'message', matches: '^Database' }] },
      ],
    },
    steps: ['authenticate'],
    code: 'INVALID_CREDENTIALS',
    message: 'This Odoo server has no database with that name.',
    param: 'database',
  },
  {
    when: exceptionIs('odoo.exceptions.AccessError'),
    steps: ['authorize'],
    code: 'INSUFFICIENT_PERMISSIONS',
    message: 'The user signed in but may not read {entity} ({entity_upstream}) in {product}.',
    guidance: ACCESS_GUIDANCE,
    upstream_code: EXCEPTION,
  },
];

const json2Entity = (id: string, label: string, model: string, required: boolean): EntitySpec => ({
  id,
  label,
  upstream: model,
  request: {
    method: 'POST',
    path: `/json/2/${model}/search_read`,
    body: { json: { domain: [], fields: ['id'], limit: 1 } },
  },
  success: { all: [{ status: 200 }, { json: [], isArray: true }] },
  required,
});
const rpcEntity = (id: string, label: string, model: string, required: boolean): EntitySpec => ({
  id,
  label,
  upstream: model,
  request: executeKw(model, 'search_read', [[]], { fields: ['id'], limit: 1 }),
  success: { json: 'result', isArray: true },
  required,
});

/** Purchase and products come with every ERP install; Maintenance is an app a company may not use. */
const ENTITIES: [string, string, string, boolean][] = [
  ['purchase_orders', 'Purchase orders', 'purchase.order', true],
  ['inventory_items', 'Products', 'product.product', true],
  ['work_orders', 'Maintenance requests', 'maintenance.request', false],
  ['assets', 'Equipment', 'maintenance.equipment', false],
];

export const odoo = defineConnector({
  id: 'odoo',
  product: 'Odoo',
  headers: { accept: 'application/json' },
  fingerprint: {
    request: rpcCall('common', 'version', []),
    match: { json: 'result.server_version', exists: true },
    version: { json: 'result.server_version' },
  },
  entities: ENTITIES.map(([id, label, model, required]) => json2Entity(id, label, model, required)),
  authMethods: [
    {
      id: 'api_key',
      label: 'API key (Odoo 19 and later)',
      description: 'The JSON-2 API, authenticated with a user API key.',
      fields: [
        instanceUrl,
        database,
        {
          key: 'api_key',
          label: 'API key',
          kind: 'secret',
          required: true,
          format: 'hex40',
          autocomplete: 'off',
          guide_anchor: 'api-key',
        },
      ],
      guide: API_KEY_GUIDE,
      auth: {
        type: 'session',
        // The key itself is the credential; context_get is the cheapest call that proves it and names the uid.
        login: {
          method: 'POST',
          path: '/json/2/res.users/context_get',
          headers: { authorization: 'bearer {api_key}', 'x-odoo-database': '{database}' },
          body: { json: {} },
        },
        success: { all: [{ status: 200 }, { json: 'uid', exists: true }] },
        token: { json: 'uid' },
        apply: { headers: { authorization: 'bearer {api_key}', 'x-odoo-database': '{database}' } },
      },
      authenticate: {
        request: {
          method: 'POST',
          path: '/json/2/res.users/read',
          body: {
            text: '{{"ids":[{session_token}],"fields":["login","name","company_id"]}}',
            contentType: 'application/json',
          },
        },
        success: { all: [{ status: 200 }, { json: '0.login', exists: true }] },
        account: {
          user: { json: '0.login' },
          display_name: { json: '0.name' },
          company: { json: '0.company_id.1' },
          tenant: { value: '{database}' },
        },
      },
      principal: 'api_key',
      failures: [
        {
          when: { all: [{ status: 401 }, { json: 'message', equals: 'Invalid apikey' }] },
          code: 'INVALID_CREDENTIALS',
          message: '{product} did not accept this API key.',
          param: 'api_key',
          possible_causes: [
            'The key was not copied completely.',
            'The key has reached the end of its duration.',
            'The key was deleted from the user’s Account Security page.',
            'The key belongs to another database.',
          ],
          guidance: KEY_GUIDANCE,
        },
        {
          // Servers before 19.0 have no /json/2 at all: their web server answers a plain 404 page.
          when: { all: [{ status: 404 }, { header: 'content-type', matches: 'text/html' }] },
          steps: ['authenticate'],
          code: 'FEATURE_DISABLED',
          message:
            'This Odoo server is older than version 19 and has no API-key (JSON-2) access. Use the login method instead.',
          guidance: VERSION_GUIDANCE,
        },
      ],
    },
    {
      id: 'password',
      label: 'Login and password',
      description:
        'The JSON-RPC API (Odoo 18 and earlier; deprecated in 19). An API key works in place of the password.',
      fields: [
        instanceUrl,
        database,
        {
          key: 'login',
          label: 'Login',
          kind: 'text',
          required: true,
          max_length: 200,
          autocomplete: 'username',
        },
        {
          key: 'password',
          label: 'Password or API key',
          kind: 'secret',
          required: true,
          max_length: 256,
          autocomplete: 'current-password',
          help: 'Users with two-factor authentication must enter an API key here.',
        },
      ],
      guide: PASSWORD_GUIDE,
      auth: {
        type: 'session',
        login: rpcCall('common', 'authenticate', [str('database'), str('login'), str('password'), {}]),
        success: { json: 'result', matches: '^[0-9]+$' },
        token: { json: 'result' },
      },
      authenticate: {
        request: executeKw('res.users', 'read', [[raw('session_token')]], {
          fields: ['login', 'name', 'company_id'],
        }),
        success: { json: 'result.0.login', exists: true },
        account: {
          user: { json: 'result.0.login' },
          display_name: { json: 'result.0.name' },
          company: { json: 'result.0.company_id.1' },
          tenant: { value: '{database}' },
        },
      },
      entities: ENTITIES.map(([id, label, model, required]) => rpcEntity(id, label, model, required)),
      principal: 'login',
      failures: [
        {
          when: { all: [{ status: 200 }, { json: 'result', equals: false }] },
          steps: ['authenticate'],
          code: 'LOGIN_FAILED',
          message: '{product} refused the sign-in without saying why.',
          param: 'password',
          possible_causes: [
            'The login or password is wrong.',
            'The user has two-factor authentication: Odoo accepts only an API key in place of its password.',
            'The user is archived.',
          ],
          guidance: LOGIN_GUIDANCE,
        },
        {
          when: exceptionIs('odoo.exceptions.AccessDenied'),
          steps: ['authorize'],
          code: 'INVALID_CREDENTIALS',
          message: '{product} accepted the sign-in but then refused the credentials.',
          param: 'password',
          upstream_code: EXCEPTION,
        },
      ],
    },
  ],
  failures: COMMON_RULES,
});
