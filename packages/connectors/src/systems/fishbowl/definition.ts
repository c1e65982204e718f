import type { Guidance, Guide, StepId } from '@flange/protocol';
import { defineConnector } from '../../engine/definition';
import type { EntitySpec, HookContext, HookFailure } from '../../engine/definition';
import type { HttpResponse } from '../../net/http-client';

/**
 * Fishbowl Advanced (on-prem server): session login as an "integrated app" (`POST /api/login`, then
 * `POST /api/logout`: seats are licensed). A user with MFA gets 401 with the header `MFA: Required`; the
 * form then shows its one-time-code field and the login is sent again with `mfaCode`. The first login of a
 * new integrated app waits for an administrator's approval inside Fishbowl (industrial-systems.md §3.7).
 */

/** How Flange introduces itself to Fishbowl; the administrator approves this app once. */
export const FISHBOWL_APP = {
  appName: 'Flange',
  appDescription: 'Flange connection for your software vendor',
  appId: 8312,
} as const;

const GUIDE: Guide = {
  title: 'Connect Fishbowl',
  steps: [
    {
      text: 'Use the address of your Fishbowl server as your Fishbowl Client connects to it, for example https://fishbowl.example.com:2456.',
      anchor: 'url',
    },
    {
      text: 'Use a Fishbowl user with access to Parts and Purchase Orders. Each session uses a user licence while it lasts; Flange signs out at once.',
    },
    {
      text: 'The first time, Fishbowl holds the connection until an administrator approves the "Flange" integration under Setup → Integrations.',
      anchor: 'approval',
    },
    {
      text: 'If the user has multi-factor authentication, Flange asks for the current code from the authenticator app.',
      anchor: 'mfa',
    },
  ],
  doc_url: 'https://help.fishbowlinventory.com/advanced/s/apidocs/login.html',
};

const APPROVAL_GUIDANCE: Guidance = {
  title: 'Approve the integration in Fishbowl',
  steps: [
    'A Fishbowl administrator opens Setup → Integrations (Integrated Apps) in the Fishbowl Client.',
    'Select "Flange" in the list of pending integrations and approve it.',
    'Then try again here with the same values.',
  ],
};

const LICENSE_GUIDANCE: Guidance = {
  title: 'Free a user licence',
  steps: [
    'Every Fishbowl session uses a user licence. Ask someone to log out of Fishbowl, or add licences, then try again.',
  ],
};

const list = (id: string, label: string, path: string, upstream: string): EntitySpec => ({
  id,
  label,
  upstream,
  request: { path: `/api/${path}`, query: { pageSize: '1' } },
  success: { all: [{ status: 200 }, { json: 'results', isArray: true }] },
});

/** The MFA exchange: ask for the code, or say the code given was not accepted. */
function classify(res: HttpResponse, step: StepId, ctx: HookContext): HookFailure | undefined {
  if (step !== 'authenticate' || res.status !== 401 || !/required/i.test(res.header('mfa') ?? ''))
    return undefined;
  if ((ctx.values['mfa_code'] ?? '') === '') {
    return {
      code: 'MFA_REQUIRED',
      message:
        'Fishbowl asks for the code from the authenticator app of this user. Enter the current code and try again.',
      param: 'mfa_code',
      guidance: {
        title: 'Enter the one-time code',
        steps: [
          'Open the authenticator app linked to this Fishbowl user.',
          'Enter the 6-digit code shown now; codes change every 30 seconds.',
        ],
      },
    };
  }
  return {
    code: 'INVALID_CREDENTIALS',
    message: 'Fishbowl did not accept the one-time code. Enter the code shown now in the authenticator app.',
    param: 'mfa_code',
  };
}

export const fishbowl = defineConnector({
  id: 'fishbowl',
  product: 'Fishbowl',
  headers: { accept: 'application/json' },
  entities: [
    list('inventory_items', 'Parts', 'parts', 'Part'),
    list('purchase_orders', 'Purchase orders', 'purchase-orders', 'Purchase Order'),
  ],
  authMethods: [
    {
      id: 'password',
      label: 'Fishbowl user',
      fields: [
        {
          key: 'instance_url',
          label: 'Fishbowl server address',
          kind: 'url',
          required: true,
          format: 'url',
          placeholder: 'https://fishbowl.example.com:2456',
          guide_anchor: 'url',
          autocomplete: 'url',
        },
        {
          key: 'username',
          label: 'User name',
          kind: 'text',
          required: true,
          max_length: 100,
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
        {
          key: 'mfa_code',
          label: 'One-time code',
          kind: 'otp',
          required: false,
          pattern: '^[0-9]{6}$',
          pattern_message: 'The code is 6 digits.',
          help: 'Only when Fishbowl asks for it: the code from the authenticator app.',
          guide_anchor: 'mfa',
          autocomplete: 'one-time-code',
        },
      ],
      guide: GUIDE,
      hooks: {
        prepare: (ctx) => {
          ctx.vars['mfa'] = ctx.values['mfa_code'] ?? '';
        },
        classify,
      },
      auth: {
        type: 'session',
        login: {
          method: 'POST',
          path: '/api/login',
          body: {
            json: { ...FISHBOWL_APP, username: '{username}', password: '{password}', mfaCode: '{mfa}' },
          },
        },
        success: { all: [{ status: 200 }, { json: 'token', exists: true }] },
        token: { json: 'token' },
        apply: { headers: { authorization: 'Bearer {session_token}' } },
      },
      authenticate: { account: { user: { value: '{username}' }, display_name: { json: 'user.firstName' } } },
      logout: { method: 'POST', path: '/api/logout' },
      principal: 'username',
      failures: [
        {
          when: { all: [{ status: 401 }, { not: { header: 'mfa', exists: true } }] },
          steps: ['authenticate'],
          code: 'INVALID_CREDENTIALS',
          message: '{product} did not accept the user name and password.',
          param: 'password',
        },
        {
          when: { all: [{ status: 403 }, { json: 'message', matches: '[Aa]pprov' }] },
          steps: ['authenticate'],
          code: 'APPROVAL_PENDING',
          message: 'Fishbowl is waiting for an administrator to approve the Flange integration.',
          guidance: APPROVAL_GUIDANCE,
          retryable: true,
        },
        {
          when: { all: [{ status: 403 }, { json: 'message', matches: '[Ll]icen[cs]e|[Ss]eat' }] },
          steps: ['authenticate'],
          code: 'LICENSE_LIMIT',
          message: 'All Fishbowl user licences are in use right now.',
          guidance: LICENSE_GUIDANCE,
          retryable: true,
        },
        {
          when: { status: 403 },
          steps: ['authorize'],
          code: 'INSUFFICIENT_PERMISSIONS',
          message: 'The user signed in, but has no access to the {entity_upstream} module in {product}.',
          guidance: {
            title: 'Give the user access',
            steps: [
              'In Fishbowl, open Setup → User Group and give this user’s group access to the Part and Purchase Order modules.',
            ],
          },
        },
      ],
    },
  ],
});
