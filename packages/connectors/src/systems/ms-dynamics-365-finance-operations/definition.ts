import type { Guidance } from '@flange/protocol';
import { defineConnector } from '../../engine/definition';
import type { Predicate } from '../../engine/definition';
import { ENTRA_TOKEN_RULES, entraFields } from '../ms-dynamics-365-business-central/entra-rules';

const collection: Predicate = { all: [{ status: 200 }, { json: 'value', isArray: true }] };
const read = (set: string, select: string) => ({
  path: `/data/${set}`,
  query: { $top: '1', $select: select },
});

const APP_GUIDANCE: Guidance = {
  title: 'Add the app in Finance & Operations',
  steps: [
    'In Finance & Operations open System administration → Setup → Microsoft Entra applications.',
    'Choose New, enter the Application (client) ID, a name, and the user the app acts as (for example a dedicated integration user).',
  ],
};
const ROLE_GUIDANCE: Guidance = {
  title: 'Give the mapped user a role',
  steps: [
    'In System administration → Users, give the user mapped to the app a security role that reads the data named in the message (for example Purchasing agent, Product information manager).',
  ],
};

/**
 * Dynamics 365 Finance & Operations (Finance, Supply Chain Management): Entra client credentials with scope
 * `{environment}/.default`, then OData `/data` entities, $top=1 (industrial-systems.md §1 row 13). The
 * reference names `/data/Companies` [U]; LegalEntities is the entity set we know of [K].
 */
export const msDynamicsFinanceOperations = defineConnector({
  id: 'ms-dynamics-365-finance-operations',
  product: 'Dynamics 365 Finance & Operations',
  summary: {
    id: 'ms-dynamics-365-finance-operations',
    name: 'Microsoft Dynamics 365 Finance & Operations',
    vendor: 'Microsoft',
    category: 'erp',
    deployment: ['cloud'],
    aliases: [
      'D365 F&O',
      'Dynamics 365 Finance',
      'Dynamics 365 Supply Chain Management',
      'Dynamics AX',
      'D365 SCM',
    ],
    availability: 'available',
    popularity: 84,
    logo: { monogram: 'FO', background: '#0b556a', foreground: '#ffffff' },
  },
  headers: { accept: 'application/json' },
  entities: [
    {
      id: 'purchase_orders',
      label: 'Purchase orders',
      upstream: 'PurchaseOrderHeadersV2',
      request: read('PurchaseOrderHeadersV2', 'PurchaseOrderNumber'),
      success: collection,
    },
    {
      id: 'products',
      label: 'Released products',
      upstream: 'ReleasedProductsV2',
      request: read('ReleasedProductsV2', 'ItemNumber'),
      success: collection,
    },
    {
      id: 'vendors',
      label: 'Vendors',
      upstream: 'VendorsV2',
      request: read('VendorsV2', 'VendorAccountNumber'),
      success: collection,
      required: false,
    },
  ],
  authMethods: [
    {
      id: 'client_credentials',
      label: 'Microsoft Entra app (client credentials)',
      description:
        'An app registration with a client secret, added in F&O’s Microsoft Entra applications and mapped to a user.',
      fields: [
        {
          key: 'instance_url',
          label: 'Environment address',
          kind: 'url',
          required: true,
          format: 'url',
          placeholder: 'https://contoso.operations.dynamics.com',
          help: 'The address of the environment (…operations.dynamics.com), as in your browser.',
          autocomplete: 'url',
        },
        ...entraFields,
      ],
      guide: {
        title: 'Register an app for Finance & Operations',
        steps: [
          {
            text: 'In the Entra admin center, App registrations → New registration. Copy the Directory (tenant) ID and Application (client) ID.',
            anchor: 'tenant',
          },
          { text: 'Certificates & secrets → New client secret; copy its Value at once.', anchor: 'secret' },
          {
            text: 'In Finance & Operations: System administration → Setup → Microsoft Entra applications → New: the client ID and the user it acts as.',
            anchor: 'app',
          },
        ],
      },
      auth: {
        type: 'oauth2_client_credentials',
        tokenUrl: 'https://login.microsoftonline.com/{tenant_id}/oauth2/v2.0/token',
        clientId: '{client_id}',
        clientSecret: '{client_secret}',
        clientAuth: 'body',
        scope: '{instance_url}/.default',
      },
      authenticate: {
        request: read('LegalEntities', 'LegalEntityId,Name'),
        success: collection,
        account: {
          user: { value: '{client_id}' },
          tenant: { value: '{tenant_id}' },
          company: { json: ['value.0.Name', 'value.0.LegalEntityId'] },
        },
      },
      principal: 'client_id',
      failures: [
        ...ENTRA_TOKEN_RULES,
        {
          when: { status: 401 },
          steps: ['authenticate'],
          code: 'FEATURE_DISABLED',
          message:
            'Finance & Operations does not accept this app: it has to be added in Microsoft Entra applications and mapped to a user.',
          param: 'client_id',
          guidance: APP_GUIDANCE,
        },
      ],
    },
  ],
  failures: [
    {
      when: { status: 403 },
      steps: ['authorize'],
      code: 'INSUFFICIENT_PERMISSIONS',
      message: 'The app signed in, but the user it acts as may not read {entity} ({entity_upstream}).',
      guidance: ROLE_GUIDANCE,
    },
  ],
});
