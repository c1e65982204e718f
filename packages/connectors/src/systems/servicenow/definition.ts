import type { Guidance, Guide } from '@flange/protocol';
import { defineConnector } from '../../engine/definition';
import type { EntitySpec } from '../../engine/definition';

/**
 * ServiceNow (as EAM/ITAM/field service): HTTP Basic on the Table API (industrial-systems.md §1 row 42,
 * §3.7). A wrong password and a locked-out user get the same 401; the REST API ACL may demand the role
 * `snc_platform_rest_api_access`; table ACLs answer 403; a sleeping developer instance answers 200 HTML.
 */

const GUIDE: Guide = {
  title: 'Connect a ServiceNow user',
  steps: [
    { text: 'Use your instance address, for example https://acme.service-now.com.', anchor: 'url' },
    { text: 'Create an integration user (User Administration → Users) and tick "Web service access only".' },
    {
      text: 'Give it the role snc_platform_rest_api_access and read roles on the tables you sync (asset for alm_asset, wm_admin for work orders, procurement_user for purchase orders).',
    },
    {
      text: 'If an API Access Policy requires OAuth for the Table API, add one that allows Basic authentication for this user.',
    },
  ],
  doc_url: 'https://docs.servicenow.com/bundle/latest/page/integrate/inbound-rest/concept/c_TableAPI.html',
};

const LOGIN_GUIDANCE: Guidance = {
  title: 'Find out why the sign-in failed',
  steps: [
    'Sign in to the instance in a browser with the same user name and password (a "Web service access only" user cannot: an administrator checks instead).',
    'An administrator opens the user record: "Locked out" and "Active" show whether the account is usable.',
    'System Logs → Events (login.failed) records every failed sign-in.',
    'System Web Services → REST API Access Policies shows whether Basic authentication is allowed on the Table API.',
  ],
};

const ROLE_GUIDANCE: Guidance = {
  title: 'Add the REST role',
  steps: ['An administrator opens the user record, Roles → Edit, and adds snc_platform_rest_api_access.'],
};

const table = (id: string, label: string, name: string, required: boolean): EntitySpec => ({
  id,
  label,
  upstream: name,
  request: { path: `/api/now/table/${name}`, query: { sysparm_limit: '1', sysparm_fields: 'sys_id' } },
  success: { all: [{ status: 200 }, { json: 'result', isArray: true }] },
  required,
});

export const servicenow = defineConnector({
  id: 'servicenow',
  product: 'ServiceNow',
  headers: { accept: 'application/json' },
  fingerprint: {
    request: { path: '/api/now/table/sys_user', query: { sysparm_limit: '1' } },
    match: {
      any: [
        { all: [{ status: 401 }, { json: 'error.message', equals: 'User Not Authenticated' }] },
        { body: { contains: 'Instance Hibernating page' } },
      ],
    },
  },
  entities: [
    table('assets', 'Assets', 'alm_asset', true),
    table('work_orders', 'Work orders', 'wm_order', false),
    table('purchase_orders', 'Purchase orders', 'proc_po', false),
  ],
  authMethods: [
    {
      id: 'basic',
      label: 'User name and password',
      fields: [
        {
          key: 'instance_url',
          label: 'Instance address',
          kind: 'url',
          required: true,
          format: 'url',
          placeholder: 'https://acme.service-now.com',
          guide_anchor: 'url',
          autocomplete: 'url',
        },
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
      guide: GUIDE,
      auth: { type: 'basic', username: '{username}', password: '{password}' },
      authenticate: {
        request: {
          path: '/api/now/table/sys_user',
          query: {
            sysparm_query: 'user_name={username}',
            sysparm_fields: 'sys_id,user_name,name',
            sysparm_limit: '1',
          },
        },
        success: { all: [{ status: 200 }, { json: 'result', isArray: true }] },
        account: { user: { json: 'result.0.user_name' }, display_name: { json: 'result.0.name' } },
      },
      principal: 'username',
      failures: [
        {
          when: { body: { contains: 'Instance Hibernating page' } },
          code: 'INSTANCE_UNREACHABLE',
          message: 'This ServiceNow instance is hibernating. Wake it up, then try again.',
          param: 'instance_url',
          guidance: {
            title: 'Wake the instance',
            steps: [
              'Sign in to developer.servicenow.com with the instance owner’s account and choose Wake up instance.',
            ],
          },
          retryable: true,
        },
        {
          when: { status: 401 },
          steps: ['authenticate'],
          code: 'LOGIN_FAILED',
          message: '{product} refused the sign-in. It gives the same answer for every cause below.',
          param: 'password',
          possible_causes: [
            'The user name or password is wrong.',
            'The user is locked out or inactive.',
            'An API Access Policy does not allow Basic authentication for the Table API.',
          ],
          guidance: LOGIN_GUIDANCE,
        },
        {
          when: { all: [{ status: 403 }, { json: 'error.detail', matches: 'snc_platform_rest_api_access' }] },
          code: 'INSUFFICIENT_PERMISSIONS',
          message:
            'The user lacks the role snc_platform_rest_api_access, which this instance requires for REST API calls.',
          param: 'username',
          guidance: ROLE_GUIDANCE,
        },
        {
          when: { all: [{ status: 400 }, { json: 'error.message', matches: '^Invalid table' }] },
          steps: ['authorize'],
          code: 'FEATURE_DISABLED',
          message: 'The table {entity_upstream} does not exist on this instance (its plugin is not active).',
        },
        {
          when: { status: 403 },
          steps: ['authorize'],
          code: 'INSUFFICIENT_PERMISSIONS',
          message: 'The user may not read {entity} (table {entity_upstream}).',
          guidance: {
            title: 'Grant read access',
            steps: [
              'Give the user a role that can read the table (asset for alm_asset, wm_admin for wm_order, procurement_user for proc_po).',
            ],
          },
        },
      ],
    },
  ],
});
