import type { Guidance, Guide } from '@flange/protocol';
import { defineConnector } from '../../engine/definition';
import type { HookContext } from '../../engine/definition';

/**
 * Tulip: HTTP Basic with an API token's key and secret; tokens carry scopes such as `tables:read`
 * (industrial-systems.md §1 row 46). A missing scope is answered 403, named in the message.
 */

const GUIDE: Guide = {
  title: 'Create a Tulip API token',
  steps: [
    {
      text: 'In Tulip, open Settings → API Tokens (an account or workspace administrator) and create a token for Flange.',
      anchor: 'token',
    },
    { text: 'Give it the scopes tables:read and stations:read.' },
    { text: 'Copy the API key and the secret: the secret is shown only once.' },
    { text: 'The address is your Tulip instance, for example https://acme.tulip.co.', anchor: 'url' },
  ],
  doc_url: 'https://support.tulip.co/apidocs',
};

const TOKEN_GUIDANCE: Guidance = {
  title: 'Check the API token',
  steps: [
    'In Tulip, open Settings → API Tokens and check the token is still listed.',
    'If the secret is lost, create a new token and copy both values.',
  ],
};

const SCOPE_GUIDANCE: Guidance = {
  title: 'Add the scope',
  steps: [
    'Tulip tokens keep the scopes chosen at creation: create a new token with tables:read and stations:read, and enter it here.',
  ],
};

function prepare(ctx: HookContext): void {
  try {
    ctx.vars['instance'] = new URL(ctx.values['instance_url'] ?? '').hostname.split('.')[0] ?? '';
  } catch {
    ctx.vars['instance'] = '';
  }
}

const SCOPE = { body: 'scope ([a-z_]+:[a-z_]+)' };

export const tulip = defineConnector({
  id: 'tulip',
  product: 'Tulip',
  headers: { accept: 'application/json' },
  entities: [
    {
      id: 'tables',
      label: 'Tables',
      upstream: 'tables:read',
      request: { path: '/api/v3/tables', query: { limit: '1' } },
      success: { all: [{ status: 200 }, { json: [], isArray: true }] },
    },
    {
      id: 'stations',
      label: 'Stations',
      upstream: 'stations:read',
      request: { path: '/api/v3/stations', query: { limit: '1' } },
      success: { all: [{ status: 200 }, { json: [], isArray: true }] },
      required: false,
    },
  ],
  authMethods: [
    {
      id: 'api_token',
      label: 'API token',
      fields: [
        {
          key: 'instance_url',
          label: 'Tulip address',
          kind: 'url',
          required: true,
          format: 'url',
          placeholder: 'https://acme.tulip.co',
          guide_anchor: 'url',
          autocomplete: 'url',
        },
        {
          key: 'api_key',
          label: 'API key',
          kind: 'text',
          required: true,
          max_length: 200,
          placeholder: 'apikey.2_…',
          autocomplete: 'off',
          guide_anchor: 'token',
        },
        {
          key: 'api_secret',
          label: 'Secret',
          kind: 'secret',
          required: true,
          max_length: 500,
          autocomplete: 'off',
          guide_anchor: 'token',
        },
      ],
      guide: GUIDE,
      hooks: { prepare },
      auth: { type: 'basic', username: '{api_key}', password: '{api_secret}' },
      authenticate: {
        request: { path: '/api/v3/tables', query: { limit: '1' } },
        success: { all: [{ status: 200 }, { json: [], isArray: true }] },
        account: { user: { value: '{api_key}' }, tenant: { value: '{instance}' } },
      },
      principal: 'api_key',
      failures: [
        {
          when: { status: 401 },
          steps: ['authenticate'],
          code: 'INVALID_CREDENTIALS',
          message: '{product} did not accept the API key and secret.',
          param: 'api_secret',
          possible_causes: [
            'The secret was mistyped.',
            'The token was deleted in Tulip.',
            'The token belongs to another Tulip instance.',
          ],
          guidance: TOKEN_GUIDANCE,
        },
        {
          when: { all: [{ status: 403 }, { json: 'message', matches: 'scope' }] },
          code: 'INSUFFICIENT_PERMISSIONS',
          message: 'The API token lacks the scope {upstream_code}.',
          guidance: SCOPE_GUIDANCE,
          upstream_code: SCOPE,
        },
      ],
    },
  ],
});
