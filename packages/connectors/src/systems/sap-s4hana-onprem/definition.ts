import { defineConnector } from '../../engine/definition';
import { gatewayServiceRules, icfLogonRules, s4Entities, sapFingerprint } from './gateway';
import { ONPREM_GUIDE, ONPREM_WHERE } from './guidance';

const CATALOG = '/sap/opu/odata/IWFND/CATALOGSERVICE;v=2/ServiceCollection';

/**
 * SAP S/4HANA on-premise / private edition and ECC with SAP Gateway: ICF Basic logon with `sap-client`,
 * proven by one row of the Gateway catalog service (industrial-systems.md §1 row 4, §3.2).
 */
export const sapS4HanaOnPrem = defineConnector({
  id: 'sap-s4hana-onprem',
  product: 'SAP S/4HANA',
  summary: {
    id: 'sap-s4hana-onprem',
    name: 'SAP S/4HANA (on-premise) / SAP ECC',
    vendor: 'SAP',
    category: 'erp',
    deployment: ['on_prem'],
    aliases: ['S/4HANA private edition', 'SAP ECC', 'SAP ERP', 'SAP Gateway', 'R/3'],
    availability: 'available',
    popularity: 95,
    logo: { monogram: 'S4', background: '#0a6ed1', foreground: '#ffffff' },
  },
  headers: { accept: 'application/json' },
  fingerprint: sapFingerprint(CATALOG, 'SAP NetWeaver Gateway'),
  entities: s4Entities(),
  authMethods: [
    {
      id: 'basic',
      label: 'SAP user and password',
      description: 'A dialog, system or service user of the SAP client, through SAP Gateway (HTTPS).',
      fields: [
        {
          key: 'instance_url',
          label: 'SAP Gateway address',
          kind: 'url',
          required: true,
          format: 'url',
          placeholder: 'https://sap.example.com:44300',
          help: 'The HTTPS host and port of SAP Gateway (where your Fiori launchpad runs).',
          guide_anchor: 'url',
          autocomplete: 'url',
        },
        {
          key: 'sap_client',
          label: 'Client',
          kind: 'text',
          required: true,
          format: 'sap_client',
          placeholder: '100',
          guide_anchor: 'client',
        },
        {
          key: 'username',
          label: 'User',
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
      guide: ONPREM_GUIDE,
      auth: {
        type: 'basic',
        username: '{username}',
        password: '{password}',
        query: { 'sap-client': '{sap_client}' },
      },
      authenticate: {
        request: {
          path: CATALOG,
          query: { $top: '1', $format: 'json' },
          headers: { 'x-csrf-token': 'Fetch' },
        },
        success: { all: [{ status: 200 }, { json: 'd.results', isArray: true }] },
        account: { user: { value: '{username|upper}' }, tenant: { value: 'client {sap_client}' } },
      },
      principal: 'username',
      failures: icfLogonRules({
        userField: 'username',
        passwordField: 'password',
        clientField: 'sap_client',
        where: ONPREM_WHERE,
      }),
    },
  ],
  failures: gatewayServiceRules(
    'In PFCG, add authorization object S_SERVICE for the service named in the message (and /IWFND/CATALOGSERVICE) to the role of this user, then generate the profile.',
  ),
});
