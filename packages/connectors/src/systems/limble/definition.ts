import type { Guidance, Guide } from '@flange/protocol';
import { defineConnector } from '../../engine/definition';
import type { EntitySpec } from '../../engine/definition';

/**
 * Limble CMMS: HTTP Basic with an API client id and secret, on one of Limble's regional clouds
 * (industrial-systems.md §1 row 32, §4.6). Keys exist in one region only, so the region is part of the form.
 */

const GUIDE: Guide = {
  title: 'Create Limble API keys',
  steps: [
    { text: 'Sign in to Limble as a super user (only super users manage API keys).' },
    { text: 'Open Settings → Configuration → API Keys and create a key for Flange.', anchor: 'keys' },
    { text: 'Copy the client ID and the client secret: the secret is shown only when the key is created.' },
    {
      text: 'Pick the region your Limble account lives in: the host in your browser (app., ca-app., eu-app.…) tells.',
      anchor: 'region',
    },
  ],
  doc_url: 'https://apidocs.limblecmms.com/',
};

const KEYS_GUIDANCE: Guidance = {
  title: 'Check the keys and the region',
  steps: [
    'In Limble, open Settings → Configuration → API Keys and check the key is still listed.',
    'Keys work only in the region they were created in: check the region matches your Limble address.',
    'If the secret is lost, create a new key and copy both values.',
  ],
};

const collection = (id: string, label: string, path: string, required = true): EntitySpec => ({
  id,
  label,
  upstream: path,
  request: { path: `/v2/${path}`, query: { limit: '1' } },
  success: { all: [{ status: 200 }, { json: [], isArray: true }] },
  required,
});

export const limble = defineConnector({
  id: 'limble',
  product: 'Limble',
  headers: { accept: 'application/json' },
  entities: [
    collection('work_orders', 'Tasks (work orders)', 'tasks'),
    collection('assets', 'Assets', 'assets'),
    collection('inventory', 'Parts', 'parts', false),
  ],
  authMethods: [
    {
      id: 'api_client',
      label: 'API client ID and secret',
      fields: [
        {
          key: 'region',
          label: 'Region',
          kind: 'select',
          required: true,
          default_value: 'api',
          options: [
            { value: 'api', label: 'United States (api.limblecmms.com)' },
            { value: 'ca-api', label: 'Canada (ca-api.limblecmms.com)' },
            { value: 'au-api', label: 'Australia (au-api.limblecmms.com)' },
            { value: 'eu-api', label: 'Europe (eu-api.limblecmms.com)' },
            { value: '21cfr-api', label: '21 CFR Part 11 (21cfr-api.limblecmms.com)' },
          ],
          guide_anchor: 'region',
        },
        {
          key: 'client_id',
          label: 'Client ID',
          kind: 'text',
          required: true,
          max_length: 200,
          autocomplete: 'off',
          guide_anchor: 'keys',
        },
        {
          key: 'client_secret',
          label: 'Client secret',
          kind: 'secret',
          required: true,
          max_length: 500,
          autocomplete: 'off',
          guide_anchor: 'keys',
        },
      ],
      guide: GUIDE,
      baseUrl: { template: 'https://{region}.limblecmms.com' },
      auth: { type: 'basic', username: '{client_id}', password: '{client_secret}' },
      authenticate: {
        request: { path: '/v2/locations', query: { limit: '1' } },
        success: { all: [{ status: 200 }, { json: [], isArray: true }] },
        account: { user: { value: '{client_id}' }, tenant: { value: '{region}' } },
      },
      principal: 'client_id',
      failures: [
        {
          when: { status: 401 },
          steps: ['authenticate'],
          code: 'INVALID_CREDENTIALS',
          message: '{product} did not accept the client ID and secret in this region.',
          param: 'client_secret',
          possible_causes: [
            'The client secret was mistyped.',
            'The key was deleted in Limble.',
            'The key was created in another region than the one chosen.',
          ],
          guidance: KEYS_GUIDANCE,
        },
      ],
    },
  ],
});
