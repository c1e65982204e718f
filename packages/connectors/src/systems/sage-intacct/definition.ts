import type { Guidance } from '@flange/protocol';
import { defineConnector } from '../../engine/definition';
import type { Predicate, RequestSpec } from '../../engine/definition';

const GATEWAY = '/ia/xml/xmlgw.phtml';
const CONTROL = `<control><senderid>{sender_id|xml}</senderid><password>{sender_password|xml}</password><controlid>flange</controlid><uniqueid>false</uniqueid><dtdversion>3.0</dtdversion><includewhitespace>false</includewhitespace></control>`;
const xml = (auth: string, fn: string): NonNullable<RequestSpec['body']> => ({
  text: `<?xml version="1.0" encoding="UTF-8"?><request>${CONTROL}<operation><authentication>${auth}</authentication><content><function controlid="f1">${fn}</function></content></operation></request>`,
  contentType: 'application/xml',
});
const LOGIN =
  '<login><userid>{user_id|xml}</userid><companyid>{company_id|xml}</companyid><password>{user_password|xml}</password></login>';
const has = (re: string): Predicate => ({ body: { matches: re } });
const ERRORNO = { body: '<errorno>([^<]+)</errorno>' } as const;
const resultOk: Predicate = { all: [{ status: 200 }, has('<result>\\s*<status>success</status>')] };
const readOne = (object: string): RequestSpec => ({
  method: 'POST',
  path: GATEWAY,
  body: xml(
    '<sessionid>{session_token|xml}</sessionid>',
    `<readByQuery><object>${object}</object><fields>RECORDNO</fields><query></query><pagesize>1</pagesize></readByQuery>`,
  ),
});

const AUTHORIZATION_GUIDANCE: Guidance = {
  title: 'Authorize the sender ID',
  steps: [
    'In Sage Intacct open Company → Setup → Company → Security tab → Web Services authorizations.',
    'Add the sender ID exactly as entered here, and save.',
  ],
  doc_url: 'https://developer.intacct.com/support/faq/',
};
const SIGN_IN_GUIDANCE: Guidance = {
  title: 'Check the Web Services user',
  steps: [
    'In Company → Admin → Web Services users, check the user ID, that it is active, and reset its password if unsure.',
    'The company ID is the one typed on the Sage Intacct sign-in page.',
    'If the company restricts sign-ins by IP address, allow our egress addresses.',
  ],
};

/**
 * Sage Intacct XML gateway: sender ID/password (control) plus a Web Services user (authentication), one
 * `getAPISession` for the session id and identity, then `readByQuery` per object with the session. Every
 * answer is HTTP 200: success predicates read the XML statuses (industrial-systems.md §1 row 24, §3.7).
 */
export const sageIntacct = defineConnector({
  id: 'sage-intacct',
  product: 'Sage Intacct',
  summary: {
    id: 'sage-intacct',
    name: 'Sage Intacct',
    vendor: 'Sage',
    category: 'erp',
    deployment: ['cloud'],
    aliases: ['Intacct'],
    availability: 'available',
    popularity: 70,
    logo: { monogram: 'SI', background: '#00d639', foreground: '#000000' },
  },
  headers: { accept: 'application/xml' },
  entities: [
    {
      id: 'purchase_orders',
      label: 'Purchase orders',
      upstream: 'PODOCUMENT',
      request: readOne('PODOCUMENT'),
      success: resultOk,
    },
    { id: 'items', label: 'Items', upstream: 'ITEM', request: readOne('ITEM'), success: resultOk },
    {
      id: 'vendors',
      label: 'Vendors',
      upstream: 'VENDOR',
      request: readOne('VENDOR'),
      success: resultOk,
      required: false,
    },
  ],
  authMethods: [
    {
      id: 'web_services',
      label: 'Web Services sender and user',
      description: 'A Web Services sender ID (authorized for your company) and a Web Services user.',
      fields: [
        {
          key: 'sender_id',
          label: 'Sender ID',
          kind: 'text',
          required: true,
          max_length: 100,
          guide_anchor: 'sender',
        },
        {
          key: 'sender_password',
          label: 'Sender password',
          kind: 'secret',
          required: true,
          max_length: 256,
          guide_anchor: 'sender',
        },
        { key: 'company_id', label: 'Company ID', kind: 'text', required: true, max_length: 100 },
        {
          key: 'user_id',
          label: 'User ID',
          kind: 'text',
          required: true,
          max_length: 100,
          autocomplete: 'username',
          guide_anchor: 'user',
        },
        {
          key: 'user_password',
          label: 'User password',
          kind: 'secret',
          required: true,
          max_length: 256,
          autocomplete: 'current-password',
        },
      ],
      guide: {
        title: 'Prepare Web Services access',
        steps: [
          {
            text: 'The sender ID and password come with a Web Services developer licence (yours or your integration partner’s).',
            anchor: 'sender',
          },
          {
            text: 'Authorize the sender ID in Company → Setup → Company → Security → Web Services authorizations.',
          },
          {
            text: 'Create a Web Services user (Company → Admin → Web Services users) with read permissions for Purchasing, Inventory and Accounts Payable.',
            anchor: 'user',
          },
        ],
        doc_url: 'https://developer.intacct.com/web-services/',
      },
      baseUrl: { fixed: 'https://api.intacct.com' },
      auth: {
        type: 'session',
        login: { method: 'POST', path: GATEWAY, body: xml(LOGIN, '<getAPISession/>') },
        success: {
          all: [
            { status: 200 },
            has('<control>\\s*<status>success</status>'),
            has('<authentication>\\s*<status>success</status>'),
            has('<sessionid>[^<]+</sessionid>'),
          ],
        },
        token: { body: '<sessionid>([^<]+)</sessionid>' },
      },
      authenticate: {
        account: {
          user: { body: '<authentication>\\s*<status>success</status>\\s*<userid>([^<]+)</userid>' },
          company: { body: '<companyid>([^<]+)</companyid>' },
        },
      },
      principal: 'user_id',
      failures: [
        {
          when: has('<errorno>GW-0010</errorno>'),
          code: 'UPSTREAM_RATE_LIMITED',
          message:
            'Sage Intacct is limiting requests for this company right now. Try again in a few minutes.',
          upstream_code: 'GW-0010',
          retryable: true,
        },
        {
          when: { all: [has('<control>\\s*<status>failure</status>'), has('Partner ID or password')] },
          steps: ['authenticate'],
          code: 'INVALID_CREDENTIALS',
          message: 'Sage Intacct did not accept the sender ID or sender password.',
          param: 'sender_password',
          upstream_code: ERRORNO,
        },
        {
          when: has('Invalid Web Services Authorization'),
          steps: ['authenticate'],
          code: 'INSUFFICIENT_PERMISSIONS',
          message: 'This company has not authorized the sender ID for Web Services.',
          param: 'sender_id',
          upstream_code: ERRORNO,
          guidance: AUTHORIZATION_GUIDANCE,
        },
        {
          when: { all: [has('<authentication>\\s*<status>failure</status>'), has('[Ll]ocked')] },
          steps: ['authenticate'],
          code: 'ACCOUNT_LOCKED',
          message:
            'Sage Intacct says this user is locked. No further attempts will be made until an administrator unlocks it.',
          param: 'user_id',
          upstream_code: ERRORNO,
        },
        {
          when: has('<authentication>\\s*<status>failure</status>'),
          steps: ['authenticate'],
          code: 'LOGIN_FAILED',
          message:
            'Sage Intacct refused the sign-in ("Sign-in information is incorrect"). It is one of the causes below.',
          param: 'user_password',
          upstream_code: ERRORNO,
          possible_causes: [
            'The user ID or password is wrong.',
            'The company ID is wrong.',
            'The user is inactive, or not a Web Services user.',
            'The company only allows sign-ins from certain IP addresses.',
          ],
          guidance: SIGN_IN_GUIDANCE,
        },
        {
          when: has('<errorno>XL03000003</errorno>'),
          code: 'UPSTREAM_ERROR',
          message: 'Sage Intacct could not read our request.',
          upstream_code: 'XL03000003',
        },
      ],
    },
  ],
  failures: [
    {
      when: { all: [has('<result>\\s*<status>failure</status>'), has('Permission Denied|permission')] },
      steps: ['authorize'],
      code: 'INSUFFICIENT_PERMISSIONS',
      message: 'The user signed in, but may not read {entity} (object {entity_upstream}).',
      upstream_code: ERRORNO,
      guidance: {
        title: 'Grant read access',
        steps: [
          'In Company → Admin → Users (or Roles), give the Web Services user List and View permission for the application of the object named in the message.',
        ],
      },
    },
  ],
});
