import { defineConnector } from '../../engine/definition';
import type { Predicate } from '../../engine/definition';
import { ROLE_PERMISSION_GUIDANCE, TBA_GUIDE } from './guidance';
import { netSuiteHooks } from './hooks';

const ERROR_CODE = { json: 'o:errorDetails.0.o:errorCode' } as const;
const collection: Predicate = { all: [{ status: 200 }, { json: 'items', isArray: true }] };
const record = (type: string) => ({ path: `/services/rest/record/v1/${type}`, query: { limit: '1' } });

/**
 * Oracle NetSuite through SuiteTalk REST with Token-Based Authentication (OAuth 1.0a, HMAC-SHA256, realm =
 * account). The data centre is discovered from the account ID; every failed sign-in is INVALID_LOGIN and
 * the reason is only in the Login Audit Trail (industrial-systems.md §1 row 7, §3.4).
 */
export const oracleNetSuite = defineConnector({
  id: 'oracle-netsuite',
  product: 'Oracle NetSuite',
  summary: {
    id: 'oracle-netsuite',
    name: 'Oracle NetSuite',
    vendor: 'Oracle',
    category: 'erp',
    deployment: ['cloud'],
    aliases: ['NetSuite', 'NetSuite ERP', 'SuiteTalk'],
    availability: 'available',
    popularity: 92,
    logo: { monogram: 'NS', background: '#125580', foreground: '#ffffff' },
  },
  headers: { accept: 'application/json' },
  entities: [
    {
      id: 'purchase_orders',
      label: 'Purchase orders',
      upstream: 'purchaseOrder',
      request: record('purchaseOrder'),
      success: collection,
    },
    {
      id: 'inventory_items',
      label: 'Inventory items',
      upstream: 'inventoryItem',
      request: record('inventoryItem'),
      success: collection,
    },
    {
      id: 'work_orders',
      label: 'Work orders',
      upstream: 'workOrder',
      request: record('workOrder'),
      success: collection,
      required: false,
    },
  ],
  authMethods: [
    {
      id: 'tba',
      label: 'Token-based authentication',
      description:
        'Consumer key and secret of an integration record, and an access token for a user and role.',
      fields: [
        {
          key: 'account_id',
          label: 'Account ID',
          kind: 'text',
          required: true,
          format: 'netsuite_account',
          placeholder: '1234567',
          guide_anchor: 'account',
        },
        {
          key: 'consumer_key',
          label: 'Consumer key',
          kind: 'secret',
          required: true,
          min_length: 4,
          max_length: 128,
          guide_anchor: 'consumer',
        },
        {
          key: 'consumer_secret',
          label: 'Consumer secret',
          kind: 'secret',
          required: true,
          min_length: 4,
          max_length: 128,
          guide_anchor: 'consumer',
        },
        {
          key: 'token_id',
          label: 'Token ID',
          kind: 'secret',
          required: true,
          min_length: 4,
          max_length: 128,
          guide_anchor: 'token',
        },
        {
          key: 'token_secret',
          label: 'Token secret',
          kind: 'secret',
          required: true,
          min_length: 4,
          max_length: 128,
          guide_anchor: 'token',
        },
      ],
      guide: TBA_GUIDE,
      // Discovery sets the base URL; this template is only used when discovery is skipped.
      baseUrl: { template: 'https://{account_id|lower}.suitetalk.api.netsuite.com' },
      // Every authenticated request is signed by the hook; the shape itself adds nothing.
      auth: { type: 'static_key' },
      authenticate: {
        request: { path: '/services/rest/record/v1/metadata-catalog' },
        success: { all: [{ status: 200 }, { json: 'items', isArray: true }] },
        account: { tenant: { value: '{account_id|upper}' } },
      },
      principal: 'token_id',
      hooks: netSuiteHooks,
    },
  ],
  failures: [
    {
      when: { json: 'o:errorDetails.0.o:errorCode', equals: 'INSUFFICIENT_PERMISSION' },
      code: 'INSUFFICIENT_PERMISSIONS',
      message: 'The token’s role may not read {entity} (record {entity_upstream}).',
      upstream_code: ERROR_CODE,
      guidance: ROLE_PERMISSION_GUIDANCE,
    },
    {
      when: { json: 'o:errorDetails.0.o:errorCode', equals: 'CONCURRENCY_LIMIT_EXCEEDED' },
      code: 'UPSTREAM_RATE_LIMITED',
      message: 'NetSuite is at its limit of concurrent requests for this account. Try again in a minute.',
      upstream_code: ERROR_CODE,
      retryable: true,
    },
    {
      when: { json: 'o:errorDetails.0.o:errorCode', equals: 'FEATURE_DISABLED' },
      code: 'FEATURE_DISABLED',
      message: 'A NetSuite feature needed for {entity} is not enabled in this account.',
      upstream_code: ERROR_CODE,
    },
  ],
});
