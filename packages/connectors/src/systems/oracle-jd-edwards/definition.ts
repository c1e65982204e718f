import { defineConnector } from '../../engine/definition';
import type { Predicate } from '../../engine/definition';
import {
  AIS_GUIDE,
  ALLOWED_HOSTS_GUIDANCE,
  LOGIN_FAILED_GUIDANCE,
  TABLE_SECURITY_GUIDANCE,
} from './guidance';

const msg = (re: string): Predicate => ({ json: 'message', matches: re });
const browse = (table: string) => ({
  method: 'POST' as const,
  path: '/jderest/v2/dataservice',
  body: { json: { targetName: table, targetType: 'table', dataServiceType: 'BROWSE', maxPageSize: '1' } },
});
const rowset = (table: string): Predicate => ({
  all: [{ status: 200 }, { json: [`fs_DATABROWSE_${table}`, 'data', 'gridData', 'rowset'], isArray: true }],
});
const entity = (id: string, label: string, table: string, required = true) => ({
  id,
  label,
  upstream: table,
  request: browse(table),
  success: rowset(table),
  required,
});

/**
 * JD Edwards EnterpriseOne through the AIS Server: defaultconfig as fingerprint, tokenrequest for a session
 * token (sent as `jde-AIS-Auth`), one BROWSE per table, tokenrequest/logout at the end (industrial-systems.md
 * §1 row 9, §3.7).
 */
export const oracleJdEdwards = defineConnector({
  id: 'oracle-jd-edwards',
  product: 'JD Edwards EnterpriseOne',
  summary: {
    id: 'oracle-jd-edwards',
    name: 'JD Edwards EnterpriseOne',
    vendor: 'Oracle',
    category: 'erp',
    deployment: ['on_prem', 'cloud'],
    aliases: ['JDE', 'JD Edwards', 'E1', 'EnterpriseOne', 'AIS Server', 'JDE Capital Asset Management'],
    availability: 'available',
    popularity: 78,
    logo: { monogram: 'JDE', background: '#312d2a', foreground: '#ffffff' },
  },
  headers: { accept: 'application/json' },
  fingerprint: {
    request: { path: '/jderest/v2/defaultconfig' },
    match: { all: [{ status: 200 }, { json: 'aisVersion', exists: true }] },
    product: 'JD Edwards AIS Server',
    version: { json: 'aisVersion' },
  },
  entities: [
    entity('work_orders', 'Work orders', 'F4801'),
    entity('assets', 'Assets', 'F1201'),
    entity('purchase_orders', 'Purchase orders', 'F4311', false),
    entity('items', 'Items', 'F4101', false),
  ],
  authMethods: [
    {
      id: 'ais_token',
      label: 'EnterpriseOne user',
      description: 'An EnterpriseOne user signing in to the AIS Server, with environment and role.',
      fields: [
        {
          key: 'instance_url',
          label: 'AIS Server address',
          kind: 'url',
          required: true,
          format: 'url',
          placeholder: 'https://jde-ais.example.com:9300',
          help: 'The AIS Server (not the HTML web client); its REST API answers under /jderest.',
          guide_anchor: 'url',
          autocomplete: 'url',
        },
        {
          key: 'username',
          label: 'User',
          kind: 'text',
          required: true,
          max_length: 10,
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
        {
          key: 'environment',
          label: 'Environment',
          kind: 'text',
          required: true,
          max_length: 10,
          placeholder: 'JDV920',
          guide_anchor: 'environment',
        },
        {
          key: 'role',
          label: 'Role',
          kind: 'text',
          required: false,
          max_length: 10,
          default_value: '*ALL',
          placeholder: '*ALL',
        },
      ],
      guide: AIS_GUIDE,
      vars: { role: '*ALL' },
      auth: {
        type: 'session',
        login: {
          method: 'POST',
          path: '/jderest/v2/tokenrequest',
          body: {
            json: {
              username: '{username}',
              password: '{password}',
              deviceName: 'Flange',
              environment: '{environment|upper}',
              role: '{role}',
            },
          },
        },
        success: { all: [{ status: 200 }, { json: 'userInfo.token', exists: true }] },
        token: { json: 'userInfo.token' },
        apply: { headers: { 'jde-AIS-Auth': '{session_token}' } },
      },
      authenticate: {
        account: {
          user: { json: 'username' },
          display_name: { json: 'userInfo.alphaName' },
          tenant: { json: 'environment' },
        },
      },
      logout: {
        method: 'POST',
        path: '/jderest/v2/tokenrequest/logout',
        body: { json: { token: '{session_token}' } },
      },
      principal: 'username',
      failures: [
        {
          when: { all: [{ status: 403 }, msg('[Ee]nvironment')] },
          steps: ['authenticate'],
          code: 'INVALID_CREDENTIALS',
          message:
            'The user may not sign in to this environment. Check the environment name (for example JDV920 or PD920).',
          param: 'environment',
        },
        {
          when: { all: [{ status: 403 }, msg('[Rr]ole')] },
          steps: ['authenticate'],
          code: 'INVALID_CREDENTIALS',
          message:
            'The user may not use this role. Leave the role at *ALL or enter one assigned to the user.',
          param: 'role',
        },
        {
          when: { status: 403 },
          steps: ['authenticate'],
          code: 'LOGIN_FAILED',
          message:
            'The AIS Server answered "Authorization Failure" without saying why. It is one of the causes below.',
          param: 'password',
          upstream_code: 'Authorization Failure',
          possible_causes: [
            'The user or password is wrong (EnterpriseOne passwords are case-sensitive).',
            'The user is disabled, or its password has expired and must be changed in the web client.',
            'The AIS Server does not allow user/password sign-in (allowed login types in Server Manager).',
          ],
          guidance: LOGIN_FAILED_GUIDANCE,
        },
      ],
    },
  ],
  failures: [
    {
      when: { status: 405 },
      code: 'FEATURE_DISABLED',
      message:
        'The JD Edwards web server does not accept this AIS Server (its allowed hosts are not set up).',
      upstream_code: '405',
      guidance: ALLOWED_HOSTS_GUIDANCE,
    },
    {
      when: { status: 444 },
      code: 'INVALID_CREDENTIALS',
      message: 'The AIS Server no longer accepts the session token it issued.',
      upstream_code: '444',
      retryable: true,
    },
    {
      when: { status: [445, 446] },
      code: 'FEATURE_DISABLED',
      message: 'The AIS Server’s single sign-on set-up rejected the sign-in.',
      guidance: ALLOWED_HOSTS_GUIDANCE,
    },
    {
      when: { status: 403 },
      steps: ['authorize'],
      code: 'INSUFFICIENT_PERMISSIONS',
      message: 'The user signed in, but may not read {entity} (table {entity_upstream}).',
      guidance: TABLE_SECURITY_GUIDANCE,
    },
  ],
});
