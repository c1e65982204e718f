import type { Guidance } from '@flange/protocol';
import { defineConnector } from '../../engine/definition';
import type { Predicate } from '../../engine/definition';

const API = '/fscmRestApi/resources/11.13.18.05';
const items: Predicate = { all: [{ status: 200 }, { json: 'items', isArray: true }] };
const read = (resource: string, field: string) => ({
  path: `${API}/${resource}`,
  query: { limit: '1', onlyData: 'true', fields: field },
});

const ROLE_GUIDANCE: Guidance = {
  title: 'Give the user a role that may read this data',
  steps: [
    'In Fusion, open Security Console → Users and edit the integration user.',
    'Add a job role that includes the REST privilege for the data named in the message (for example Buyer for purchase orders, Product Data Steward for items, Maintenance Manager for work orders).',
    'Roles take effect after the nightly "Import User and Role Application Security Data" job, or after running it now.',
  ],
};

/**
 * Oracle Fusion Cloud Applications (ERP, SCM, Procurement, Maintenance) REST with HTTP Basic. Fusion has no
 * identity call an integration user can always reach, so one purchase order proves the sign-in
 * (industrial-systems.md §1 row 8; resource names [K], 403 for a missing privilege [U]).
 */
export const oracleFusionCloud = defineConnector({
  id: 'oracle-fusion-cloud',
  product: 'Oracle Fusion Cloud',
  summary: {
    id: 'oracle-fusion-cloud',
    name: 'Oracle Fusion Cloud ERP / SCM',
    vendor: 'Oracle',
    category: 'erp',
    deployment: ['cloud'],
    aliases: [
      'Oracle ERP Cloud',
      'Oracle SCM Cloud',
      'Oracle Fusion Applications',
      'Oracle Procurement Cloud',
      'Oracle Fusion Cloud Maintenance',
    ],
    availability: 'available',
    popularity: 85,
    logo: { monogram: 'OF', background: '#c74634', foreground: '#ffffff' },
  },
  headers: { accept: 'application/json', 'rest-framework-version': '4' },
  entities: [
    {
      id: 'purchase_orders',
      label: 'Purchase orders',
      upstream: 'purchaseOrders',
      request: read('purchaseOrders', 'POHeaderId'),
      success: items,
    },
    { id: 'items', label: 'Items', upstream: 'itemsV2', request: read('itemsV2', 'ItemId'), success: items },
    {
      id: 'work_orders',
      label: 'Maintenance work orders',
      upstream: 'maintenanceWorkOrders',
      request: read('maintenanceWorkOrders', 'WorkOrderId'),
      success: items,
      required: false,
    },
  ],
  authMethods: [
    {
      id: 'basic',
      label: 'User name and password',
      description: 'A Fusion user (often an integration user) with roles that grant the REST resources.',
      fields: [
        {
          key: 'instance_url',
          label: 'Fusion address',
          kind: 'url',
          required: true,
          format: 'url',
          placeholder: 'https://abcd-test.fa.us2.oraclecloud.com',
          help: 'The address you sign in to Fusion at (…fa.<data centre>.oraclecloud.com).',
          autocomplete: 'url',
        },
        {
          key: 'username',
          label: 'User name',
          kind: 'text',
          required: true,
          max_length: 200,
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
      guide: {
        title: 'Use a Fusion integration user',
        steps: [
          {
            text: 'Create (or pick) a user in Security Console that signs in with a password (not only single sign-on).',
          },
          {
            text: 'Give it job roles with read access to purchase orders, items and, if you use Maintenance, work orders.',
          },
        ],
      },
      auth: { type: 'basic', username: '{username}', password: '{password}' },
      authenticate: {
        request: read('purchaseOrders', 'POHeaderId'),
        success: items,
        account: { user: { value: '{username}' } },
      },
      principal: 'username',
      failures: [
        {
          when: { status: 401 },
          steps: ['authenticate'],
          code: 'LOGIN_FAILED',
          message: '{product} refused the sign-in without saying why. It is one of the causes below.',
          param: 'password',
          possible_causes: [
            'The user name or password is wrong.',
            'The user is locked after failed sign-ins, or inactive.',
            'The password has expired.',
            'The user may only sign in through single sign-on; integrations need a password sign-in.',
          ],
          guidance: {
            title: 'Find the reason',
            steps: [
              'Sign in to Fusion in a browser with the same user and password.',
              'A security administrator sees the account status (locked, inactive) in Security Console → Users.',
            ],
          },
        },
        {
          when: { status: 403 },
          steps: ['authenticate'],
          code: 'INSUFFICIENT_PERMISSIONS',
          message: 'The user signed in, but may not read purchase orders in {product}.',
          guidance: ROLE_GUIDANCE,
        },
      ],
    },
  ],
  failures: [
    {
      when: { status: 403 },
      steps: ['authorize'],
      code: 'INSUFFICIENT_PERMISSIONS',
      message: 'The user signed in, but may not read {entity} (resource {entity_upstream}).',
      guidance: ROLE_GUIDANCE,
    },
  ],
});
