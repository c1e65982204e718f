import type { Guidance } from '@flange/protocol';
import { defineConnector } from '../../engine/definition';
import type { Predicate } from '../../engine/definition';

const REALM = '/auth/realms/{namespace}';
const collection: Predicate = { all: [{ status: 200 }, { json: 'value', isArray: true }] };
const projection = (svc: string, set: string) => ({
  path: `/main/ifsapplications/projection/v1/${svc}.svc/${set}`,
  query: { $top: '1' },
});

const IAM_GUIDANCE: Guidance = {
  title: 'Check the IAM client',
  steps: [
    'In IFS Cloud open Solution Manager → Users and Permissions → IAM Client Registration and select the client.',
    'Copy the client ID and secret again; "Service Accounts" (client credentials) must be enabled.',
  ],
  doc_url: 'https://docs.ifs.com/techdocs/24r2/030_administration/010_security/050_iam_client_registration/',
};
const PERMISSION_GUIDANCE: Guidance = {
  title: 'Grant the projection',
  steps: [
    'Give the IFS user of the service account a permission set that grants the projection named in the message (Solution Manager → Users and Permissions → Permission Sets), then refresh the security cache.',
  ],
};

/**
 * IFS Cloud: IFS IAM (Keycloak) client credentials in the namespace's realm, scope `openid microprofile-jwt`
 * (industrial-systems.md §1 row 22), then OData projections. Keycloak's own error texts drive the rules [K].
 */
export const ifsCloud = defineConnector({
  id: 'ifs-cloud',
  product: 'IFS Cloud',
  summary: {
    id: 'ifs-cloud',
    name: 'IFS Cloud',
    vendor: 'IFS',
    category: 'erp',
    deployment: ['cloud', 'on_prem'],
    aliases: ['IFS', 'IFS Applications', 'IFS ERP', 'IFS EAM'],
    availability: 'available',
    popularity: 72,
    logo: { monogram: 'IFS', background: '#5b2d90', foreground: '#ffffff' },
  },
  headers: { accept: 'application/json' },
  fingerprint: {
    request: { path: `${REALM}/.well-known/openid-configuration` },
    // A Keycloak realm answers with its discovery document; an unknown realm still answers as Keycloak.
    match: {
      any: [
        { all: [{ status: 200 }, { json: 'token_endpoint', matches: '/protocol/openid-connect/token$' }] },
        { json: 'error', equals: 'Realm does not exist' },
      ],
    },
    product: 'IFS Cloud (IFS IAM)',
  },
  entities: [
    {
      id: 'purchase_orders',
      label: 'Purchase orders',
      upstream: 'PurchaseOrderHandling',
      request: projection('PurchaseOrderHandling', 'PurchaseOrderSet'),
      success: collection,
    },
    {
      id: 'inventory_parts',
      label: 'Inventory parts',
      upstream: 'InventoryPartHandling',
      request: projection('InventoryPartHandling', 'InventoryPartSet'),
      success: collection,
    },
    {
      id: 'work_orders',
      label: 'Work orders',
      upstream: 'ActiveWorkOrdersHandling',
      request: projection('ActiveWorkOrdersHandling', 'ActiveSeparateSet'),
      success: collection,
      required: false,
    },
  ],
  authMethods: [
    {
      id: 'client_credentials',
      label: 'IAM client (service account)',
      fields: [
        {
          key: 'instance_url',
          label: 'IFS Cloud address',
          kind: 'url',
          required: true,
          format: 'url',
          placeholder: 'https://acme.ifs.cloud',
          autocomplete: 'url',
        },
        {
          key: 'namespace',
          label: 'Namespace',
          kind: 'text',
          required: true,
          max_length: 63,
          pattern: '^[a-z0-9][a-z0-9-]*$',
          pattern_message: 'Lower-case letters, digits and dashes.',
          help: 'The IAM realm, usually your system name (shown in the sign-in page address after /realms/).',
        },
        { key: 'client_id', label: 'Client ID', kind: 'text', required: true, max_length: 200 },
        { key: 'client_secret', label: 'Client secret', kind: 'secret', required: true, max_length: 500 },
      ],
      guide: {
        title: 'Register an IAM client',
        steps: [
          {
            text: 'In IFS Cloud open IAM Client Registration and create a client with "Service Accounts" enabled, mapped to an IFS user for the integration.',
          },
          {
            text: 'Copy the client ID and secret; the namespace is the realm name in the sign-in page address (/auth/realms/<namespace>).',
          },
        ],
      },
      auth: {
        type: 'oauth2_client_credentials',
        tokenUrl: '{instance_url}/auth/realms/{namespace}/protocol/openid-connect/token',
        clientId: '{client_id}',
        clientSecret: '{client_secret}',
        clientAuth: 'body',
        scope: 'openid microprofile-jwt',
      },
      authenticate: {
        request: { path: `${REALM}/protocol/openid-connect/userinfo` },
        success: { all: [{ status: 200 }, { json: 'sub', exists: true }] },
        account: { user: { json: ['preferred_username', 'sub'] }, tenant: { value: '{namespace}' } },
      },
      principal: 'client_id',
      failures: [
        {
          when: { json: 'error', equals: 'Realm does not exist' },
          steps: ['authenticate'],
          code: 'INVALID_CREDENTIALS',
          message: 'IFS has no namespace with this name.',
          param: 'namespace',
        },
        {
          when: { json: 'error_description', equals: 'Invalid client or Invalid client credentials' },
          steps: ['authenticate'],
          code: 'INVALID_CREDENTIALS',
          message: 'IFS IAM did not accept the client ID or client secret.',
          param: 'client_secret',
          upstream_code: { json: 'error' },
          guidance: IAM_GUIDANCE,
        },
        {
          when: { json: 'error_description', matches: 'not enabled to retrieve service account' },
          steps: ['authenticate'],
          code: 'FEATURE_DISABLED',
          message:
            'This IAM client may not use client credentials: "Service Accounts" is not enabled for it.',
          param: 'client_id',
          upstream_code: { json: 'error' },
          guidance: IAM_GUIDANCE,
        },
      ],
    },
  ],
  failures: [
    {
      when: { status: 401 },
      steps: ['authorize'],
      code: 'INSUFFICIENT_PERMISSIONS',
      message: 'The client signed in, but its service account is not linked to an IFS user.',
      guidance: {
        title: 'Link an IFS user',
        steps: [
          'In IAM Client Registration, set the service account’s IFS user (and create the user in Users if needed).',
        ],
      },
    },
    {
      when: { status: 403 },
      steps: ['authorize'],
      code: 'INSUFFICIENT_PERMISSIONS',
      message: 'The client signed in, but may not read {entity} (projection {entity_upstream}).',
      guidance: PERMISSION_GUIDANCE,
    },
  ],
});
