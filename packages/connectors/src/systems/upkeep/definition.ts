import { defineConnector } from '../../engine/definition';
import type { EntitySpec } from '../../engine/definition';
import { LOGIN_GUIDANCE, PASSWORD_GUIDE, ROLE_GUIDANCE } from './guidance';

/**
 * UpKeep: session login on the fixed cloud host api.onupkeep.com (`POST /api/v2/auth` → `sessionToken`, sent
 * as the `Session-Token` header; `DELETE /api/v2/auth` ends it) (industrial-systems.md §1 row 31).
 */

const list = (id: string, label: string, path: string, required = true): EntitySpec => ({
  id,
  label,
  upstream: path,
  request: { path: `/api/v2/${path}`, query: { limit: '1' } },
  success: { all: [{ status: 200 }, { json: 'results', isArray: true }] },
  required,
});

export const upkeep = defineConnector({
  id: 'upkeep',
  product: 'UpKeep',
  headers: { accept: 'application/json' },
  entities: [
    list('work_orders', 'Work orders', 'work-orders'),
    list('assets', 'Assets', 'assets'),
    list('inventory', 'Parts', 'parts', false),
    list('purchase_orders', 'Purchase orders', 'purchase-orders', false),
  ],
  authMethods: [
    {
      id: 'password',
      label: 'Email and password',
      fields: [
        {
          key: 'email',
          label: 'Email',
          kind: 'text',
          required: true,
          format: 'email',
          max_length: 254,
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
      guide: PASSWORD_GUIDE,
      baseUrl: { fixed: 'https://api.onupkeep.com' },
      auth: {
        type: 'session',
        login: {
          method: 'POST',
          path: '/api/v2/auth',
          body: { json: { email: '{email}', password: '{password}' } },
        },
        success: { all: [{ status: 200 }, { json: 'success', equals: true }] },
        token: { json: 'result.sessionToken' },
        apply: { headers: { 'session-token': '{session_token}' } },
      },
      authenticate: { account: { user: { value: '{email}' } } },
      logout: { method: 'DELETE', path: '/api/v2/auth' },
      principal: 'email',
      failures: [
        {
          when: {
            all: [
              { status: 400 },
              { json: 'success', equals: false },
              { json: 'message', matches: 'username/password' },
            ],
          },
          steps: ['authenticate'],
          code: 'INVALID_CREDENTIALS',
          message: '{product} did not accept this email and password.',
          param: 'password',
          possible_causes: [
            'The email or password is wrong.',
            'The account signs in through single sign-on only and has no UpKeep password.',
          ],
          guidance: LOGIN_GUIDANCE,
        },
        {
          when: { status: 403 },
          steps: ['authorize'],
          code: 'INSUFFICIENT_PERMISSIONS',
          message: 'The account signed in, but its UpKeep role may not read {entity}.',
          guidance: ROLE_GUIDANCE,
        },
      ],
    },
  ],
});
