import type { Guidance, Guide } from '@flange/protocol';
import { defineConnector } from '../../engine/definition';
import type { EntitySpec, Predicate } from '../../engine/definition';

/**
 * eMaint X4 (Fluke Reliability): `GetLoginToken` with user ID and password returns a JWT valid 7 days that is
 * bound to the `Xt-UserAgent` header: every later call must send the same value (industrial-systems.md §1
 * row 34). Flange sends one fixed value, so the host's later API calls through Flange can reuse the token.
 */

/** The Xt-UserAgent Flange sends, on every call, always the same. */
export const EMAINT_USER_AGENT = 'Flange/1 (connector)';

const API = '/wc.dll?x3~api~!&q=';

const GUIDE: Guide = {
  title: 'Connect with an eMaint user',
  steps: [
    { text: 'Use the address you open eMaint at, for example https://x46.emaint.com.', anchor: 'url' },
    {
      text: 'Use a dedicated eMaint user for the integration; the user needs API access (ask your eMaint administrator or Fluke support to enable it).',
    },
    { text: 'Give the user’s group read access to work orders, assets and parts.' },
  ],
};

const LOGIN_GUIDANCE: Guidance = {
  title: 'Check the user ID and password',
  steps: [
    'Sign in to eMaint in a browser with the same user ID and password.',
    'If that works, ask the eMaint administrator whether the user may use the API.',
  ],
};

const error = (re: string): Predicate => ({ json: 'error', matches: re });

const table = (id: string, label: string, name: string, required = true): EntitySpec => ({
  id,
  label,
  upstream: name,
  request: { method: 'POST', path: `${API}GetAnyData`, body: { json: { table: name, top: 1 } } },
  success: { all: [{ status: 200 }, { json: 'data', isArray: true }] },
  required,
});

export const emaint = defineConnector({
  id: 'emaint',
  product: 'eMaint',
  headers: { accept: 'application/json', 'xt-useragent': EMAINT_USER_AGENT },
  entities: [
    table('work_orders', 'Work orders', 'wo'),
    table('assets', 'Assets', 'asset'),
    table('inventory', 'Parts', 'parts', false),
  ],
  authMethods: [
    {
      id: 'password',
      label: 'User ID and password',
      fields: [
        {
          key: 'instance_url',
          label: 'eMaint address',
          kind: 'url',
          required: true,
          format: 'url',
          placeholder: 'https://x46.emaint.com',
          guide_anchor: 'url',
          autocomplete: 'url',
        },
        {
          key: 'user_id',
          label: 'User ID',
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
      ],
      guide: GUIDE,
      auth: {
        type: 'session',
        login: {
          method: 'POST',
          path: `${API}GetLoginToken`,
          body: { json: { userid: '{user_id}', password: '{password}' } },
        },
        success: { all: [{ status: 200 }, { json: 'token', exists: true }] },
        token: { json: 'token' },
        apply: { headers: { authorization: 'Bearer {session_token}' } },
      },
      authenticate: { account: { user: { value: '{user_id}' } } },
      principal: 'user_id',
      failures: [
        {
          when: { all: [{ status: 401 }, error('locked')] },
          steps: ['authenticate'],
          code: 'ACCOUNT_LOCKED',
          message:
            'The eMaint user is locked. No further attempts will be made until an administrator unlocks it.',
          param: 'user_id',
          guidance: {
            title: 'Unlock the user',
            steps: ['An eMaint administrator unlocks the user (or resets its password), then try again.'],
          },
        },
        {
          when: { status: 401 },
          steps: ['authenticate'],
          code: 'INVALID_CREDENTIALS',
          message: '{product} did not accept the user ID and password.',
          param: 'password',
          guidance: LOGIN_GUIDANCE,
        },
        {
          when: { all: [{ status: 403 }, error('API')] },
          steps: ['authenticate'],
          code: 'INSUFFICIENT_PERMISSIONS',
          message: 'The eMaint user may not use the API.',
          param: 'user_id',
          guidance: {
            title: 'Enable API access',
            steps: [
              'Ask the eMaint administrator (or Fluke support) to enable API access for this user, or use a user that has it.',
            ],
          },
        },
        {
          when: { status: 403 },
          steps: ['authorize'],
          code: 'INSUFFICIENT_PERMISSIONS',
          message: 'The user signed in, but may not read {entity} in {product}.',
        },
      ],
    },
  ],
});
