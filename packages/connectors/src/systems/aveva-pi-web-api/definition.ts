import type { Guidance, Guide } from '@flange/protocol';
import { defineConnector } from '../../engine/definition';

/**
 * AVEVA PI Web API (PI Server / OSIsoft): HTTP Basic against a Windows account (industrial-systems.md §1
 * row 44). `GET /piwebapi/system` is the fingerprint, `GET /piwebapi/system/userinfo` proves the identity,
 * data servers and asset servers are the data. Kerberos-only servers refuse Basic outright.
 */

const GUIDE: Guide = {
  title: 'Connect PI Web API',
  steps: [
    {
      text: 'Use the PI Web API address, for example https://pi.example.com/piwebapi (the /piwebapi part is optional here).',
      anchor: 'url',
    },
    {
      text: 'Use a Windows account as DOMAIN\\user. A dedicated service account with a PI mapping (PI System Management Tools → Mappings & Trusts) works best.',
      anchor: 'user',
    },
    { text: 'Basic authentication must be enabled in the PI Web API configuration (AuthenticationMethods).' },
    {
      text: 'Servers often use a certificate from the company’s own authority: check its fingerprint with IT before trusting it.',
    },
  ],
  doc_url: 'https://docs.aveva.com/bundle/pi-web-api-reference/page/help/topics/authentication-methods.html',
};

const LOGIN_GUIDANCE: Guidance = {
  title: 'Find out why Windows refused the sign-in',
  steps: [
    'Sign in to a domain computer with the same account to check the password.',
    'Enter the user as DOMAIN\\user (or user@domain).',
    'The Security event log of the PI Web API server (event 4625) names the reason: wrong password, locked, expired or disabled.',
  ],
};

export const aveva = defineConnector({
  id: 'aveva-pi-web-api',
  product: 'PI Web API',
  headers: { accept: 'application/json' },
  fingerprint: {
    request: { path: '/piwebapi/system' },
    // Servers that allow anonymous reads name themselves; the others challenge with the methods they accept.
    match: {
      any: [
        { json: 'ProductTitle', matches: 'PI Web API' },
        { all: [{ status: 401 }, { header: 'www-authenticate', exists: true }] },
      ],
    },
    version: { json: 'ProductVersion' },
  },
  entities: [
    {
      id: 'data_servers',
      label: 'PI Data Archive servers',
      upstream: 'dataservers',
      request: { path: '/piwebapi/dataservers' },
      success: { all: [{ status: 200 }, { json: 'Items', isArray: true }] },
    },
    {
      id: 'asset_servers',
      label: 'PI AF servers',
      upstream: 'assetservers',
      request: { path: '/piwebapi/assetservers' },
      success: { all: [{ status: 200 }, { json: 'Items', isArray: true }] },
      required: false,
    },
  ],
  authMethods: [
    {
      id: 'basic',
      label: 'Windows user and password',
      fields: [
        {
          key: 'instance_url',
          label: 'PI Web API address',
          kind: 'url',
          required: true,
          format: 'url',
          placeholder: 'https://pi.example.com/piwebapi',
          guide_anchor: 'url',
          autocomplete: 'url',
        },
        {
          key: 'username',
          label: 'User',
          kind: 'text',
          required: true,
          max_length: 256,
          placeholder: 'CORP\\svc_pi',
          pattern: '^([^\\\\@\\s]+\\\\[^\\\\@\\s]+|[^\\\\@\\s]+@[^\\\\@\\s]+)$',
          pattern_message: 'Enter the user as DOMAIN\\user or user@domain.',
          guide_anchor: 'user',
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
      auth: { type: 'basic', username: '{username}', password: '{password}' },
      authenticate: {
        request: { path: '/piwebapi/system/userinfo' },
        success: { all: [{ status: 200 }, { json: 'IsAuthenticated', equals: true }] },
        account: { user: { json: 'Name' } },
      },
      principal: 'username',
      failures: [
        {
          when: { all: [{ status: 401 }, { not: { header: 'www-authenticate', matches: '[Bb]asic' } }] },
          steps: ['authenticate'],
          code: 'FEATURE_DISABLED',
          message:
            'This PI Web API does not accept user-and-password (Basic) sign-in; it only offers Windows-integrated authentication.',
          guidance: {
            title: 'Enable Basic authentication',
            steps: [
              'A PI administrator opens the PI Web API configuration (PI Web API Admin Utility, or the AF configuration element of the instance).',
              'Add Basic to AuthenticationMethods and restart the PI Web API service.',
            ],
          },
        },
        {
          when: { status: 401 },
          steps: ['authenticate'],
          code: 'LOGIN_FAILED',
          message:
            'Windows refused the sign-in to PI Web API. It does not say why; it is one of the causes below.',
          param: 'password',
          possible_causes: [
            'The password is wrong.',
            'The user was entered without its domain (DOMAIN\\user).',
            'The Windows account is locked, disabled, or its password has expired.',
          ],
          guidance: LOGIN_GUIDANCE,
        },
        {
          when: { status: 403 },
          steps: ['authorize'],
          code: 'INSUFFICIENT_PERMISSIONS',
          message:
            'The account signed in, but may not read {entity}: it has no PI mapping or identity with read access.',
          guidance: {
            title: 'Map the account in PI',
            steps: [
              'In PI System Management Tools → Security → Mappings & Trusts, map this Windows account to a PI identity with read access.',
            ],
          },
        },
      ],
    },
  ],
});
