import type { Guidance, Guide } from '@flange/protocol';
import { defineConnector } from '../../engine/definition';

/**
 * Samsara: bearer API token on the fixed cloud host (api.samsara.com, or api.eu.samsara.com for the EU
 * cloud); `GET /me` names the organization (industrial-systems.md §1 row 43).
 */

const GUIDE: Guide = {
  title: 'Create a Samsara API token',
  steps: [
    {
      text: 'In the Samsara dashboard, open Settings → API Tokens and choose Add an API Token.',
      anchor: 'token',
    },
    { text: 'Give it read access to Vehicles and Assets (or the scopes your integration needs).' },
    { text: 'Copy the token (it starts with samsara_api_): Samsara shows it only once.' },
    { text: 'Choose the EU cloud if your dashboard address is cloud.eu.samsara.com.', anchor: 'region' },
  ],
  doc_url: 'https://developers.samsara.com/docs/authentication',
};

const TOKEN_GUIDANCE: Guidance = {
  title: 'Check the token',
  steps: [
    'In Samsara, open Settings → API Tokens and check the token is still listed.',
    'Check the cloud: tokens of the EU cloud work only on api.eu.samsara.com.',
    'If it was deleted, add a new token and paste it here.',
  ],
};

const SCOPE_GUIDANCE: Guidance = {
  title: 'Add the permission to the token',
  steps: ['In Samsara, open Settings → API Tokens, edit the token, and allow reading Vehicles and Assets.'],
};

export const samsara = defineConnector({
  id: 'samsara',
  product: 'Samsara',
  headers: { accept: 'application/json' },
  entities: [
    {
      id: 'assets',
      label: 'Vehicles',
      upstream: 'Read Vehicles',
      request: { path: '/fleet/vehicles', query: { limit: '1' } },
      success: { all: [{ status: 200 }, { json: 'data', isArray: true }] },
    },
    {
      id: 'equipment',
      label: 'Assets and trailers',
      upstream: 'Read Assets',
      request: { path: '/assets', query: { limit: '1' } },
      success: { all: [{ status: 200 }, { json: 'data', isArray: true }] },
      required: false,
    },
  ],
  authMethods: [
    {
      id: 'api_token',
      label: 'API token',
      fields: [
        {
          key: 'region',
          label: 'Samsara cloud',
          kind: 'select',
          required: true,
          default_value: 'api.samsara.com',
          options: [
            { value: 'api.samsara.com', label: 'United States and Canada (cloud.samsara.com)' },
            { value: 'api.eu.samsara.com', label: 'Europe (cloud.eu.samsara.com)' },
          ],
          guide_anchor: 'region',
        },
        {
          key: 'api_token',
          label: 'API token',
          kind: 'secret',
          required: true,
          min_length: 16,
          max_length: 500,
          placeholder: 'samsara_api_…',
          autocomplete: 'off',
          guide_anchor: 'token',
        },
      ],
      guide: GUIDE,
      baseUrl: { template: 'https://{region}' },
      auth: { type: 'static_key', headers: { authorization: 'Bearer {api_token}' } },
      authenticate: {
        request: { path: '/me' },
        success: { all: [{ status: 200 }, { json: 'data.id', exists: true }] },
        account: { company: { json: 'data.name' }, tenant: { json: 'data.id' } },
      },
      principal: 'api_token',
      failures: [
        {
          when: { status: 401 },
          steps: ['authenticate'],
          code: 'INVALID_CREDENTIALS',
          message: '{product} did not accept this API token.',
          param: 'api_token',
          possible_causes: [
            'The token was not copied completely.',
            'The token was deleted in Samsara.',
            'The token belongs to the other Samsara cloud (US or EU).',
          ],
          guidance: TOKEN_GUIDANCE,
        },
        {
          when: { status: 403 },
          steps: ['authorize'],
          code: 'INSUFFICIENT_PERMISSIONS',
          message: 'The API token lacks the "{entity_upstream}" permission needed to read {entity}.',
          guidance: SCOPE_GUIDANCE,
        },
      ],
    },
  ],
});
