import { defineConnector } from '../../engine/definition';
import type { Predicate } from '../../engine/definition';
import { ENTRA_TOKEN_RULES, entraFields } from './entra-rules';
import { BC_APP_GUIDANCE, BC_GUIDE, BC_PERMISSION_GUIDANCE } from './guidance';

const API = '/v2.0/{tenant_id}/{environment}/api/v2.0';
const collection: Predicate = { all: [{ status: 200 }, { json: 'value', isArray: true }] };
const read = (set: string) => ({ path: `${API}/companies({company_id})/${set}`, query: { $top: '1' } });

/**
 * Dynamics 365 Business Central online: Entra ID client credentials (scope
 * https://api.businesscentral.dynamics.com/.default), then the companies of the environment, then one row
 * per entity of the first company (industrial-systems.md §1 row 11, §3.5). Basic web-service keys are not
 * offered: they stopped working online in October 2022.
 */
export const msDynamicsBusinessCentral = defineConnector({
  id: 'ms-dynamics-365-business-central',
  product: 'Business Central',
  summary: {
    id: 'ms-dynamics-365-business-central',
    name: 'Microsoft Dynamics 365 Business Central',
    vendor: 'Microsoft',
    category: 'erp',
    deployment: ['cloud'],
    aliases: ['Business Central', 'D365 BC', 'Dynamics NAV', 'Navision'],
    availability: 'available',
    popularity: 88,
    logo: { monogram: 'BC', background: '#00a08a', foreground: '#ffffff' },
  },
  headers: { accept: 'application/json' },
  entities: [
    { id: 'items', label: 'Items', upstream: 'items', request: read('items'), success: collection },
    {
      id: 'purchase_orders',
      label: 'Purchase orders',
      upstream: 'purchaseOrders',
      request: read('purchaseOrders'),
      success: collection,
    },
    {
      id: 'vendors',
      label: 'Vendors',
      upstream: 'vendors',
      request: read('vendors'),
      success: collection,
      required: false,
    },
  ],
  authMethods: [
    {
      id: 'client_credentials',
      label: 'Microsoft Entra app (client credentials)',
      description:
        'An app registration with a client secret, added in Business Central’s Microsoft Entra Applications page.',
      fields: [
        entraFields[0]!,
        {
          key: 'environment',
          label: 'Environment',
          kind: 'text',
          required: true,
          max_length: 30,
          default_value: 'production',
          placeholder: 'production',
          pattern: '^[A-Za-z0-9_-]+$',
          pattern_message: 'The environment name as shown in the Business Central admin center.',
          guide_anchor: 'environment',
        },
        entraFields[1]!,
        entraFields[2]!,
      ],
      guide: BC_GUIDE,
      baseUrl: { fixed: 'https://api.businesscentral.dynamics.com' },
      auth: {
        type: 'oauth2_client_credentials',
        tokenUrl: 'https://login.microsoftonline.com/{tenant_id}/oauth2/v2.0/token',
        clientId: '{client_id}',
        clientSecret: '{client_secret}',
        clientAuth: 'body',
        scope: 'https://api.businesscentral.dynamics.com/.default',
      },
      authenticate: {
        request: { path: `${API}/companies` },
        success: { all: [collection, { json: 'value.0.id', exists: true }] },
        account: {
          user: { value: '{client_id}' },
          tenant: { value: '{tenant_id}' },
          company: { json: ['value.0.displayName', 'value.0.name'] },
        },
        capture: { company_id: { json: 'value.0.id' } },
      },
      principal: 'client_id',
      failures: [
        ...ENTRA_TOKEN_RULES,
        {
          when: { json: 'error.code', equals: 'Authentication_InvalidCredentials' },
          steps: ['authenticate'],
          code: 'FEATURE_DISABLED',
          message:
            'Business Central does not accept this app yet: it has to be added (and enabled) in Business Central’s Microsoft Entra Applications page.',
          param: 'client_id',
          upstream_code: { json: 'error.code' },
          guidance: BC_APP_GUIDANCE,
        },
        {
          when: { status: 404 },
          steps: ['authenticate'],
          code: 'INVALID_CREDENTIALS',
          message:
            'This tenant has no Business Central environment with this name. Check it in the Business Central admin center.',
          param: 'environment',
          upstream_code: { json: 'error.code' },
        },
      ],
    },
  ],
  failures: [
    {
      when: { any: [{ json: 'error.code', equals: 'Authorization_RequestDenied' }, { status: 403 }] },
      steps: ['authorize'],
      code: 'INSUFFICIENT_PERMISSIONS',
      message: 'The app signed in, but its permission sets do not allow reading {entity}.',
      upstream_code: { json: 'error.code' },
      guidance: BC_PERMISSION_GUIDANCE,
    },
    {
      when: { json: 'error.code', equals: 'Internal_CompanyNotFound' },
      code: 'UPSTREAM_ERROR',
      message: 'Business Central could not find the company it listed. Try again.',
      upstream_code: { json: 'error.code' },
      retryable: true,
    },
  ],
});
