import { defineConnector } from '../../engine/definition';
import type { FieldSpec } from '@flange/protocol';
import { gatewayServiceRules, icfLogonRules, s4Entities, sapFingerprint } from '../sap-s4hana-onprem/gateway';
import { CLOUD_BASIC_GUIDE, CLOUD_WHERE, XSUAA_GUIDE } from './guidance';

const METADATA = '/sap/opu/odata/sap/API_PURCHASEORDER_PROCESS_SRV/$metadata';

const apiHost: FieldSpec = {
  key: 'instance_url',
  label: 'API address',
  kind: 'url',
  required: true,
  format: 'url',
  placeholder: 'https://my123456-api.s4hana.cloud.sap',
  help: 'The API host of your S/4HANA Cloud tenant (my…-api.s4hana.cloud.sap, or the host of your Communication System).',
  guide_anchor: 'url',
  autocomplete: 'url',
};

/**
 * SAP S/4HANA Cloud public edition: a communication user (Basic) attached to communication arrangements,
 * or an XSUAA client (client credentials). Proven with `$metadata` and `x-csrf-token: Fetch`
 * (industrial-systems.md §1 row 3).
 */
export const sapS4HanaCloud = defineConnector({
  id: 'sap-s4hana-cloud',
  product: 'SAP S/4HANA Cloud',
  summary: {
    id: 'sap-s4hana-cloud',
    name: 'SAP S/4HANA Cloud',
    vendor: 'SAP',
    category: 'erp',
    deployment: ['cloud'],
    aliases: ['S/4HANA Cloud public edition', 'S4HC', 'SAP Cloud ERP'],
    availability: 'available',
    popularity: 90,
    logo: { monogram: 'S4', background: '#0070f2', foreground: '#ffffff' },
  },
  headers: { accept: 'application/json' },
  fingerprint: sapFingerprint(METADATA, 'SAP S/4HANA Cloud'),
  entities: s4Entities(),
  authMethods: [
    {
      id: 'communication_user',
      label: 'Communication user',
      description:
        'The user and password of a Communication User attached to your communication arrangements.',
      fields: [
        apiHost,
        {
          key: 'username',
          label: 'Communication user',
          kind: 'text',
          required: true,
          max_length: 40,
          autocomplete: 'username',
          guide_anchor: 'user',
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
      guide: CLOUD_BASIC_GUIDE,
      auth: { type: 'basic', username: '{username}', password: '{password}' },
      authenticate: {
        request: { path: METADATA, headers: { 'x-csrf-token': 'Fetch', accept: 'application/xml' } },
        success: { all: [{ status: 200 }, { header: 'x-csrf-token', exists: true }] },
        account: { user: { value: '{username}' } },
      },
      principal: 'username',
      failures: icfLogonRules({ userField: 'username', passwordField: 'password', where: CLOUD_WHERE }),
    },
    {
      id: 'xsuaa',
      label: 'OAuth client (XSUAA)',
      description: 'Client credentials of an XSUAA service instance on SAP BTP.',
      fields: [
        apiHost,
        {
          key: 'subdomain',
          label: 'Subaccount subdomain',
          kind: 'text',
          required: true,
          pattern: '^[a-z0-9][a-z0-9-]{0,62}$',
          pattern_message: 'Lower-case letters, digits and dashes, as in the token URL.',
          guide_anchor: 'xsuaa',
        },
        {
          key: 'region',
          label: 'Region',
          kind: 'text',
          required: true,
          pattern: '^[a-z]{2}\\d{2,3}(-\\d{3})?$',
          pattern_message: 'A BTP region such as eu10 or us10.',
          placeholder: 'eu10',
        },
        {
          key: 'client_id',
          label: 'Client ID',
          kind: 'text',
          required: true,
          max_length: 200,
          placeholder: 'sb-…!b1234',
        },
        { key: 'client_secret', label: 'Client secret', kind: 'secret', required: true, max_length: 500 },
      ],
      guide: XSUAA_GUIDE,
      auth: {
        type: 'oauth2_client_credentials',
        tokenUrl: 'https://{subdomain}.authentication.{region}.hana.ondemand.com/oauth/token',
        clientId: '{client_id}',
        clientSecret: '{client_secret}',
        clientAuth: 'basic',
      },
      authenticate: {
        request: { path: METADATA, headers: { 'x-csrf-token': 'Fetch', accept: 'application/xml' } },
        success: { all: [{ status: 200 }, { header: 'x-csrf-token', exists: true }] },
        account: { user: { value: '{client_id}' }, tenant: { value: '{subdomain}' } },
      },
      principal: 'client_id',
      failures: [
        {
          // XSUAA (Cloud Foundry UAA) answers a wrong client with 401 {"error":"unauthorized","error_description":"Bad credentials"}.
          when: { all: [{ status: 401 }, { json: 'error', equals: 'unauthorized' }] },
          steps: ['authenticate'],
          code: 'INVALID_CREDENTIALS',
          message: 'XSUAA did not accept the client ID or client secret.',
          param: 'client_secret',
          upstream_code: 'unauthorized',
          possible_causes: [
            'The client secret was copied incompletely, or belongs to another service key.',
            'The service key was deleted or rotated.',
            'The subdomain or region points to another subaccount.',
          ],
          guidance: { title: XSUAA_GUIDE.title, steps: XSUAA_GUIDE.steps.map((s) => s.text) },
        },
        {
          when: { status: 401 },
          steps: ['authenticate'],
          code: 'INVALID_CREDENTIALS',
          message: '{product} did not accept the XSUAA token. The client is not trusted by this tenant.',
          param: 'client_id',
        },
      ],
    },
  ],
  failures: gatewayServiceRules(
    'In S/4HANA Cloud open Communication Arrangements and add (or edit) the arrangement for the scenario of the service named in the message (SAP_COM_0053 purchase orders, SAP_COM_0009 products, SAP_COM_0395 maintenance), with this communication user.',
  ),
});
