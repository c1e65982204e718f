import type { Guidance, Guide } from '@flange/protocol';
import { defineConnector } from '../../engine/definition';
import type { EntitySpec } from '../../engine/definition';

/**
 * Coupa: OAuth 2.0 client credentials at `https://{instance}/oauth2/token` with space-separated scopes of the
 * form `service.object.right`, then the Core API with the bearer (industrial-systems.md §1 row 40). API keys
 * made by customers are deprecated, so they are not offered.
 */

export const COUPA_DEFAULT_SCOPES = 'core.purchase_order.read core.supplier.read core.item.read';

const GUIDE: Guide = {
  title: 'Create a Coupa OAuth client',
  steps: [
    {
      text: 'In Coupa, an administrator opens Setup → Integrations → OAuth2/OpenID Connect Clients and creates a client.',
      anchor: 'client',
    },
    {
      text: 'Choose the grant type Client credentials and tick the scopes Flange reads: core.purchase_order.read, core.supplier.read, core.item.read.',
      anchor: 'scopes',
    },
    { text: 'Copy the identifier and the secret into the form.' },
    { text: 'The address is your Coupa instance, for example https://acme.coupahost.com.', anchor: 'url' },
  ],
  doc_url:
    'https://compass.coupa.com/en-us/products/product-documentation/integration-technical-documentation/oauth-2-0-transition-guide',
};

const CLIENT_GUIDANCE: Guidance = {
  title: 'Check the OAuth client',
  steps: [
    'In Coupa, open Setup → OAuth2/OpenID Connect Clients and select the client.',
    'Check that it is active, that its grant type is Client credentials, and copy the secret again.',
  ],
};

const SCOPE_GUIDANCE: Guidance = {
  title: 'Grant the scopes',
  steps: [
    'In Coupa, open the OAuth client and tick the missing scopes (core.purchase_order.read, core.supplier.read, core.item.read).',
    'Make sure the scopes field here asks for the same scopes.',
  ],
};

const resource = (id: string, label: string, path: string, scope: string, required = true): EntitySpec => ({
  id,
  label,
  upstream: scope,
  request: { path: `/api/${path}`, query: { limit: '1' } },
  success: { all: [{ status: 200 }, { json: [], isArray: true }] },
  required,
});

export const coupa = defineConnector({
  id: 'coupa',
  product: 'Coupa',
  headers: { accept: 'application/json' },
  entities: [
    resource('purchase_orders', 'Purchase orders', 'purchase_orders', 'core.purchase_order.read'),
    resource('suppliers', 'Suppliers', 'suppliers', 'core.supplier.read'),
    resource('inventory_items', 'Items', 'items', 'core.item.read', false),
  ],
  authMethods: [
    {
      id: 'client_credentials',
      label: 'OAuth client (client credentials)',
      fields: [
        {
          key: 'instance_url',
          label: 'Coupa address',
          kind: 'url',
          required: true,
          format: 'url',
          placeholder: 'https://acme.coupahost.com',
          guide_anchor: 'url',
          autocomplete: 'url',
        },
        {
          key: 'client_id',
          label: 'Client identifier',
          kind: 'text',
          required: true,
          max_length: 200,
          autocomplete: 'off',
          guide_anchor: 'client',
        },
        {
          key: 'client_secret',
          label: 'Client secret',
          kind: 'secret',
          required: true,
          max_length: 500,
          autocomplete: 'off',
          guide_anchor: 'client',
        },
        {
          key: 'scopes',
          label: 'Scopes',
          kind: 'text',
          required: true,
          max_length: 1000,
          default_value: COUPA_DEFAULT_SCOPES,
          pattern: '^[a-z_]+(\\.[a-z_]+)+( [a-z_]+(\\.[a-z_]+)+)*$',
          pattern_message:
            'Scopes are separated by single spaces, like core.purchase_order.read core.supplier.read.',
          guide_anchor: 'scopes',
        },
      ],
      guide: GUIDE,
      auth: {
        type: 'oauth2_client_credentials',
        tokenUrl: '{instance_url}/oauth2/token',
        clientId: '{client_id}',
        clientSecret: '{client_secret}',
        clientAuth: 'body',
        scope: '{scopes}',
      },
      authenticate: { account: { user: { value: '{client_id}' } } },
      principal: 'client_id',
      failures: [
        {
          when: { json: 'error', equals: 'invalid_client' },
          steps: ['authenticate'],
          code: 'INVALID_CREDENTIALS',
          message: '{product} did not accept the client identifier or secret.',
          param: 'client_secret',
          possible_causes: [
            'The secret was mistyped or regenerated.',
            'The client was deleted or deactivated.',
            'The client belongs to another Coupa instance.',
          ],
          guidance: CLIENT_GUIDANCE,
          upstream_code: { json: 'error' },
        },
        {
          when: { json: 'error', equals: 'invalid_scope' },
          steps: ['authenticate'],
          code: 'INSUFFICIENT_PERMISSIONS',
          message: 'The Coupa OAuth client is not granted every scope asked for.',
          param: 'scopes',
          guidance: SCOPE_GUIDANCE,
          upstream_code: { json: 'error' },
        },
        {
          when: { status: 403 },
          steps: ['authorize'],
          code: 'INSUFFICIENT_PERMISSIONS',
          message: 'The token lacks the scope {entity_upstream}, needed to read {entity}.',
          param: 'scopes',
          guidance: SCOPE_GUIDANCE,
        },
      ],
    },
  ],
});
