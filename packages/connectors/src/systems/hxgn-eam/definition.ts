import type { FieldSpec, Guidance } from '@flange/protocol';
import { defineConnector } from '../../engine/definition';
import type { FailureRule, Predicate } from '../../engine/definition';

/**
 * HxGN EAM (formerly Infor EAM) REST web services with the required `tenant` and `organization` headers
 * and Basic or an API key (industrial-systems.md §1 row 15). The grid read and the error envelope are
 * guesses [U]: rules key on status first and on message words second, so a different real envelope falls
 * back to the status's meaning rather than to a wrong one.
 */
const ALERT = 'ErrorAlert.0.Message';
const alert = (re: string): Predicate => ({ json: ALERT, matches: re });
const ALERT_NAME = { json: 'ErrorAlert.0.Name' } as const;
const grid = (name: string) => ({
  method: 'POST' as const,
  path: '/axis/restservices/grids',
  body: { json: { GRID: { GRID_NAME: name, NUMBER_OF_ROWS_FIRST_RETURNED: 1, CURSOR_POSITION: 0 } } },
});
const rows: Predicate = { all: [{ status: 200 }, { json: 'Result.ResultData.RECORDS', exists: true }] };

const SECURITY_GUIDANCE: Guidance = {
  title: 'Give the user access to the screen',
  steps: [
    'In HxGN EAM open Administration → Security → User Groups, select the integration user’s group.',
    'Under Permissions, allow Query on the screen named in the message (WSJOBS work orders, OSOBJA assets, PSPORD purchase orders, SSPART parts).',
  ],
};

const common: FieldSpec[] = [
  {
    key: 'instance_url',
    label: 'HxGN EAM address',
    kind: 'url',
    required: true,
    format: 'url',
    placeholder: 'https://us1.eam.hxgnsmartcloud.com',
    help: 'The address of the EAM web application (cloud: https://<region>.eam.hxgnsmartcloud.com).',
    autocomplete: 'url',
  },
  {
    key: 'tenant',
    label: 'Tenant',
    kind: 'text',
    required: true,
    max_length: 60,
    placeholder: 'ACME_PRD',
    help: 'Shown on the EAM login page and in Help → About.',
  },
  {
    key: 'organization',
    label: 'Organization',
    kind: 'text',
    required: true,
    max_length: 30,
    placeholder: 'PLANT1',
  },
];

function rules(credentialField: string, expiredCode: 'PASSWORD_EXPIRED' | 'KEY_EXPIRED'): FailureRule[] {
  return [
    {
      when: alert('[Tt]enant'),
      steps: ['authenticate'],
      code: 'INVALID_CREDENTIALS',
      message: '{product} does not know this tenant.',
      param: 'tenant',
      upstream_code: ALERT_NAME,
    },
    {
      when: alert('[Oo]rganization'),
      steps: ['authenticate'],
      code: 'INVALID_CREDENTIALS',
      message: 'This organization does not exist or the user may not use it.',
      param: 'organization',
      upstream_code: ALERT_NAME,
    },
    {
      when: alert('[Ll]ocked'),
      steps: ['authenticate'],
      code: 'ACCOUNT_LOCKED',
      message: '{product} says this user is locked. No further attempts will be made until it is unlocked.',
      param: credentialField === 'api_key' ? 'api_key' : 'username',
      upstream_code: ALERT_NAME,
    },
    {
      when: { all: [{ status: 401 }, alert('[Ee]xpired')] },
      steps: ['authenticate'],
      code: expiredCode,
      message:
        expiredCode === 'KEY_EXPIRED'
          ? 'The API key has expired. Create a new one.'
          : 'The password of this user has expired.',
      param: credentialField,
      upstream_code: ALERT_NAME,
    },
    {
      when: { status: 401 },
      steps: ['authenticate'],
      code: 'INVALID_CREDENTIALS',
      message:
        credentialField === 'api_key'
          ? '{product} did not accept this API key.'
          : '{product} did not accept the user name and password.',
      param: credentialField,
      upstream_code: ALERT_NAME,
    },
    {
      when: { status: 403 },
      steps: ['authenticate'],
      code: 'INSUFFICIENT_PERMISSIONS',
      message: 'The user signed in, but may not open work orders in {product}.',
      upstream_code: ALERT_NAME,
      guidance: SECURITY_GUIDANCE,
    },
  ];
}

export const hxgnEam = defineConnector({
  id: 'hxgn-eam',
  product: 'HxGN EAM',
  summary: {
    id: 'hxgn-eam',
    name: 'HxGN EAM',
    vendor: 'Hexagon',
    category: 'eam_cmms',
    deployment: ['cloud', 'on_prem'],
    aliases: ['Infor EAM', 'Datastream 7i', 'Hexagon EAM'],
    availability: 'available',
    popularity: 76,
    logo: { monogram: 'EAM', background: '#1f2a44', foreground: '#6fd3ff' },
  },
  headers: { accept: 'application/json' },
  entities: [
    { id: 'work_orders', label: 'Work orders', upstream: 'WSJOBS', request: grid('WSJOBS'), success: rows },
    { id: 'assets', label: 'Assets', upstream: 'OSOBJA', request: grid('OSOBJA'), success: rows },
    {
      id: 'purchase_orders',
      label: 'Purchase orders',
      upstream: 'PSPORD',
      request: grid('PSPORD'),
      success: rows,
      required: false,
    },
    {
      id: 'parts',
      label: 'Parts',
      upstream: 'SSPART',
      request: grid('SSPART'),
      success: rows,
      required: false,
    },
  ],
  authMethods: [
    {
      id: 'basic',
      label: 'User name and password',
      fields: [
        ...common,
        {
          key: 'username',
          label: 'User',
          kind: 'text',
          required: true,
          max_length: 30,
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
      auth: {
        type: 'basic',
        username: '{username}',
        password: '{password}',
        headers: { tenant: '{tenant}', organization: '{organization}' },
      },
      authenticate: {
        request: grid('WSJOBS'),
        success: rows,
        account: {
          user: { value: '{username|upper}' },
          tenant: { value: '{tenant}' },
          company: { value: '{organization}' },
        },
      },
      principal: 'username',
      failures: rules('password', 'PASSWORD_EXPIRED'),
    },
    {
      id: 'api_key',
      label: 'API key',
      description: 'An API key created in HxGN EAM for an integration user.',
      fields: [
        ...common,
        { key: 'api_key', label: 'API key', kind: 'secret', required: true, min_length: 8, max_length: 512 },
      ],
      guide: {
        title: 'Create an API key',
        steps: [
          {
            text: 'In HxGN EAM, open the API key screen for the integration user (Administration → Security → API Keys), create a key and copy it.',
          },
        ],
      },
      auth: {
        type: 'static_key',
        headers: { 'x-api-key': '{api_key}', tenant: '{tenant}', organization: '{organization}' },
      },
      authenticate: {
        request: grid('WSJOBS'),
        success: rows,
        account: { tenant: { value: '{tenant}' }, company: { value: '{organization}' } },
      },
      principal: 'api_key',
      failures: rules('api_key', 'KEY_EXPIRED'),
    },
  ],
  failures: [
    {
      when: { status: 403 },
      steps: ['authorize'],
      code: 'INSUFFICIENT_PERMISSIONS',
      message: 'The user signed in, but may not read {entity} (screen {entity_upstream}).',
      upstream_code: ALERT_NAME,
      guidance: SECURITY_GUIDANCE,
    },
  ],
});
