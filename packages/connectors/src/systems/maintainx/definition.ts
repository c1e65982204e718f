import type { Guidance, Guide } from '@flange/protocol';
import { defineConnector } from '../../engine/definition';
import type { EntitySpec, HookContext, PreparedRequest } from '../../engine/definition';

/**
 * MaintainX: bearer API key on the fixed host api.getmaintainx.com; keys made for several organizations
 * also need `X-Organization-Id` (industrial-systems.md §1 row 33).
 */

const GUIDE: Guide = {
  title: 'Create a MaintainX API key',
  steps: [
    { text: 'In MaintainX, open Settings → Integrations (API) and choose New Key.', anchor: 'key' },
    { text: 'Copy the key at once: MaintainX shows it only when it is created.' },
    {
      text: 'If the key was made for several organizations, also enter the organization ID it should act for.',
      anchor: 'org',
    },
  ],
  doc_url: 'https://maintainx.dev/',
};

const KEY_GUIDANCE: Guidance = {
  title: 'Make a new key',
  steps: [
    'In MaintainX, open Settings → Integrations and check the key is still listed.',
    'If it was deleted or lost, choose New Key and paste the new key here.',
  ],
};

const PLAN_GUIDANCE: Guidance = {
  title: 'Enable API access',
  steps: [
    'The MaintainX API is part of specific plans. An administrator can check the plan under Settings → Billing, or ask MaintainX to enable API access.',
  ],
};

const list = (id: string, label: string, path: string, key: string, required = true): EntitySpec => ({
  id,
  label,
  upstream: path,
  request: { path: `/v1/${path}`, query: { limit: '1' } },
  success: { all: [{ status: 200 }, { json: key, isArray: true }] },
  required,
});

/** Send `X-Organization-Id` only when an organization was entered. */
function dropEmptyOrganization(req: PreparedRequest): PreparedRequest {
  if (req.headers['x-organization-id'] !== '') return req;
  const headers = { ...req.headers };
  delete headers['x-organization-id'];
  return { ...req, headers };
}

function prepare(ctx: HookContext): void {
  ctx.vars['organization'] = ctx.values['organization_id'] ?? '';
}

export const maintainx = defineConnector({
  id: 'maintainx',
  product: 'MaintainX',
  headers: { accept: 'application/json' },
  entities: [
    list('work_orders', 'Work orders', 'workorders', 'workOrders'),
    list('assets', 'Assets', 'assets', 'assets'),
    list('inventory', 'Parts', 'parts', 'parts', false),
    list('purchase_orders', 'Purchase orders', 'purchaseorders', 'purchaseOrders', false),
  ],
  authMethods: [
    {
      id: 'api_key',
      label: 'API key',
      fields: [
        {
          key: 'api_key',
          label: 'API key',
          kind: 'secret',
          required: true,
          min_length: 10,
          max_length: 2000,
          autocomplete: 'off',
          guide_anchor: 'key',
        },
        {
          key: 'organization_id',
          label: 'Organization ID',
          kind: 'text',
          required: false,
          max_length: 20,
          help: 'Only for a key made for several organizations.',
          guide_anchor: 'org',
        },
      ],
      guide: GUIDE,
      baseUrl: { fixed: 'https://api.getmaintainx.com' },
      hooks: { prepare, sign: dropEmptyOrganization },
      auth: {
        type: 'static_key',
        headers: { authorization: 'Bearer {api_key}', 'x-organization-id': '{organization}' },
      },
      authenticate: {
        request: { path: '/v1/users', query: { limit: '1' } },
        success: { all: [{ status: 200 }, { json: 'users', isArray: true }] },
        account: { tenant: { value: '{organization}' } },
      },
      principal: 'api_key',
      failures: [
        {
          when: { status: 401 },
          steps: ['authenticate'],
          code: 'INVALID_CREDENTIALS',
          message: '{product} did not accept this API key.',
          param: 'api_key',
          possible_causes: [
            'The key was not copied completely.',
            'The key was deleted or regenerated in MaintainX.',
          ],
          guidance: KEY_GUIDANCE,
        },
        {
          when: { all: [{ status: 400 }, { json: 'errors.0.message', matches: 'X-Organization-Id' }] },
          code: 'INVALID_CREDENTIALS',
          message: 'This key can act for several organizations: enter the organization ID to use.',
          param: 'organization_id',
          guidance: {
            title: 'Find the organization ID',
            steps: ['In MaintainX, open Settings → Organization: the ID is shown there.'],
          },
        },
        {
          when: { all: [{ status: 403 }, { json: 'errors.0.message', matches: 'plan' }] },
          code: 'FEATURE_DISABLED',
          message: 'This MaintainX organization’s plan does not include API access.',
          guidance: PLAN_GUIDANCE,
        },
        {
          when: { all: [{ status: 403 }, { json: 'errors.0.message', matches: 'organization' }] },
          code: 'INVALID_CREDENTIALS',
          message: 'This key has no access to the organization entered.',
          param: 'organization_id',
        },
      ],
    },
  ],
});
