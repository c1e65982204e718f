import type { Guidance } from '@flange/protocol';
import { defineConnector } from '../../engine/definition';
import type { Predicate } from '../../engine/definition';

const API = '/api/v2/odata/{company}';
const collection: Predicate = { all: [{ status: 200 }, { json: 'value', isArray: true }] };
const read = (service: string, set: string, select: string) => ({
  path: `${API}/${service}/${set}`,
  query: { $top: '1', $select: select },
});
const text = (re: string): Predicate => ({ json: 'ErrorMessage', matches: re });
const apiKeyError: Predicate = { json: 'ErrorType', matches: 'ApiKey' };
const ERROR_TYPE = { json: 'ErrorType' } as const;

const API_KEY_GUIDANCE: Guidance = {
  title: 'Create an API key',
  steps: [
    'In Kinetic open System Setup → Security Maintenance → API Key Maintenance (search "API Key").',
    'Create a key with an access scope that includes the Company, PO, Part and Job Entry services, and no past expiration date.',
    'Copy the key: it is shown once. Every REST call needs it, even with a correct password.',
  ],
};
const SECURITY_GUIDANCE: Guidance = {
  title: 'Allow the service',
  steps: [
    'In Kinetic, check Business Object Security / Service Security for the service named in the message, and the access scope of the API key.',
  ],
};

/**
 * Epicor Kinetic (ERP 10+) REST v2: HTTP Basic plus the mandatory `X-API-Key`, company in the path
 * (industrial-systems.md §1 row 20, §3.7). Texts of lock, expiry and licence errors are guesses [U]; the
 * rules key on the error type where Epicor names one and on words otherwise.
 */
export const epicorKinetic = defineConnector({
  id: 'epicor-kinetic',
  product: 'Epicor Kinetic',
  summary: {
    id: 'epicor-kinetic',
    name: 'Epicor Kinetic',
    vendor: 'Epicor',
    category: 'erp',
    deployment: ['cloud', 'on_prem'],
    aliases: ['Epicor ERP', 'Epicor 10', 'Vantage', 'Kinetic ERP'],
    availability: 'available',
    popularity: 77,
    logo: { monogram: 'EK', background: '#00395d', foreground: '#ffffff' },
  },
  headers: { accept: 'application/json' },
  entities: [
    {
      id: 'purchase_orders',
      label: 'Purchase orders',
      upstream: 'Erp.BO.POSvc',
      request: read('Erp.BO.POSvc', 'POes', 'PONum'),
      success: collection,
    },
    {
      id: 'parts',
      label: 'Parts',
      upstream: 'Erp.BO.PartSvc',
      request: read('Erp.BO.PartSvc', 'Parts', 'PartNum'),
      success: collection,
    },
    {
      id: 'jobs',
      label: 'Jobs (work orders)',
      upstream: 'Erp.BO.JobEntrySvc',
      request: read('Erp.BO.JobEntrySvc', 'JobEntries', 'JobNum'),
      success: collection,
      required: false,
    },
  ],
  authMethods: [
    {
      id: 'basic_api_key',
      label: 'User, password and API key',
      fields: [
        {
          key: 'instance_url',
          label: 'Kinetic address',
          kind: 'url',
          required: true,
          format: 'url',
          keep_path: true,
          placeholder: 'https://erp.example.com/KineticLive',
          help: 'The server and instance, as in the browser before /Apps/ERP (for example https://erp.example.com/KineticLive).',
          autocomplete: 'url',
        },
        {
          key: 'company',
          label: 'Company ID',
          kind: 'text',
          required: true,
          max_length: 8,
          placeholder: 'EPIC06',
        },
        {
          key: 'username',
          label: 'User ID',
          kind: 'text',
          required: true,
          max_length: 75,
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
          key: 'api_key',
          label: 'API key',
          kind: 'secret',
          required: true,
          min_length: 8,
          max_length: 512,
          guide_anchor: 'api-key',
        },
      ],
      guide: {
        title: 'Prepare Kinetic for the integration',
        steps: [
          { text: 'Use the instance address you open Kinetic at (server and instance name).' },
          {
            text: 'Create an API key in System Setup → Security Maintenance → API Key Maintenance; copy it at once.',
            anchor: 'api-key',
          },
          {
            text: 'Use an integration user whose licence type allows web services, with access to the company.',
          },
        ],
      },
      auth: {
        type: 'basic',
        username: '{username}',
        password: '{password}',
        headers: { 'x-api-key': '{api_key}' },
      },
      authenticate: {
        request: read('Erp.BO.CompanySvc', 'Companies', 'Company,Name'),
        success: collection,
        account: { user: { value: '{username}' }, company: { json: ['value.0.Name', 'value.0.Company'] } },
      },
      principal: 'username',
      failures: [
        {
          when: { all: [apiKeyError, text('[Ee]xpired')] },
          steps: ['authenticate'],
          code: 'KEY_EXPIRED',
          message: 'The API key has expired. Create a new one.',
          param: 'api_key',
          upstream_code: ERROR_TYPE,
          guidance: API_KEY_GUIDANCE,
        },
        {
          when: { any: [apiKeyError, text('API [Kk]ey')] },
          steps: ['authenticate'],
          code: 'INVALID_CREDENTIALS',
          message:
            '{product} did not accept the API key (every call needs a valid one, even with a correct password).',
          param: 'api_key',
          upstream_code: ERROR_TYPE,
          guidance: API_KEY_GUIDANCE,
        },
        {
          when: text('[Ll]ocked'),
          steps: ['authenticate'],
          code: 'ACCOUNT_LOCKED',
          message:
            '{product} says this user is locked. No further attempts will be made until it is unlocked.',
          param: 'username',
          upstream_code: ERROR_TYPE,
        },
        {
          when: text('[Pp]assword (has )?expired'),
          steps: ['authenticate'],
          code: 'PASSWORD_EXPIRED',
          message: 'The password of this user has expired; change it in Kinetic first.',
          param: 'password',
          upstream_code: ERROR_TYPE,
        },
        {
          when: text('[Ll]icen[cs]e'),
          steps: ['authenticate'],
          code: 'LICENSE_LIMIT',
          message: 'All {product} licences of this user’s type are in use right now.',
          upstream_code: ERROR_TYPE,
          retryable: true,
          guidance: {
            title: 'Free a licence',
            steps: [
              'Wait for sessions to end, or give the integration user a licence type reserved for web services (License Maintenance).',
            ],
          },
        },
        {
          when: { all: [{ status: 403 }, text('[Cc]ompany')] },
          steps: ['authenticate'],
          code: 'INVALID_CREDENTIALS',
          message: 'The user may not use this company (or it does not exist).',
          param: 'company',
          upstream_code: ERROR_TYPE,
        },
        {
          when: { status: 401 },
          steps: ['authenticate'],
          code: 'INVALID_CREDENTIALS',
          message: '{product} did not accept the user ID and password.',
          param: 'password',
          upstream_code: ERROR_TYPE,
        },
      ],
    },
  ],
  failures: [
    {
      when: { status: 403 },
      steps: ['authorize'],
      code: 'INSUFFICIENT_PERMISSIONS',
      message: 'The user signed in, but may not read {entity} ({entity_upstream}).',
      upstream_code: ERROR_TYPE,
      guidance: SECURITY_GUIDANCE,
    },
  ],
});
