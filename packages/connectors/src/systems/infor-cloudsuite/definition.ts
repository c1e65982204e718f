import type { Guidance } from '@flange/protocol';
import { defineConnector } from '../../engine/definition';
import type { Predicate } from '../../engine/definition';
import { readIonapi } from './ionapi';

const m3 = (program: string, transaction: string) => ({
  path: `/M3/m3api-rest/v2/execute/${program}/${transaction}`,
  query: { maxrecs: '1' },
});
/** M3 answers HTTP 200 even when the transaction failed: the counts say. */
const m3Ok: Predicate = { all: [{ status: 200 }, { json: 'nrOfFailedTransactions', equals: 0 }] };

const DOWNLOAD_GUIDANCE: Guidance = {
  title: 'Download the credentials again',
  steps: [
    'In Infor OS open ION API Gateway → Authorized Apps and select the Backend Service app (or create one).',
    'Choose Download Credentials, tick "Create Service Account", pick the user the integration acts as, and download.',
    'Upload the new .ionapi file here; each download makes new service-account keys.',
  ],
  doc_url: 'https://docs.infor.com/inforos/2024.x/en-us/useradminlib_cloud/default.html',
};

const M3_SECURITY: Guidance = {
  title: 'Grant the M3 program',
  steps: [
    'In M3 (SES003 / SES400), give the service account user’s role access to the MI program named in the message (MMS200MI items, CRS620MI suppliers).',
  ],
};

/**
 * Infor CloudSuite through ION API Gateway: the `.ionapi` file gives the token endpoint, the client and the
 * service-account keys, used as an OAuth 2.0 password grant (industrial-systems.md §1 row 16). Identity from
 * Ming.le; data from M3 MI programs, which fail inside HTTP 200.
 */
export const inforCloudSuite = defineConnector({
  id: 'infor-cloudsuite',
  product: 'Infor CloudSuite',
  summary: {
    id: 'infor-cloudsuite',
    name: 'Infor CloudSuite (ION API)',
    vendor: 'Infor',
    category: 'erp',
    deployment: ['cloud'],
    aliases: ['Infor M3', 'Infor OS', 'ION API Gateway', 'CloudSuite Industrial', 'Infor LN'],
    availability: 'available',
    popularity: 74,
    logo: { monogram: 'IN', background: '#c8102e', foreground: '#ffffff' },
  },
  headers: { accept: 'application/json' },
  entities: [
    {
      id: 'items',
      label: 'Items',
      upstream: 'MMS200MI',
      request: m3('MMS200MI', 'LstItmByItm'),
      success: m3Ok,
    },
    {
      id: 'suppliers',
      label: 'Suppliers',
      upstream: 'CRS620MI',
      request: m3('CRS620MI', 'LstSuppliers'),
      success: m3Ok,
      required: false,
    },
  ],
  authMethods: [
    {
      id: 'ionapi',
      label: 'ION API credentials file (.ionapi)',
      description: 'The file downloaded for a Backend Service app, with a service account.',
      fields: [
        {
          key: 'ionapi_file',
          label: '.ionapi file',
          kind: 'file',
          required: true,
          accept: '.ionapi',
          max_length: 20_000,
          help: 'ION API Gateway → Authorized Apps → your Backend Service app → Download Credentials (with "Create Service Account").',
          guide_anchor: 'file',
        },
      ],
      guide: {
        title: 'Get the .ionapi file',
        steps: [
          {
            text: 'In Infor OS open ION API Gateway → Authorized Apps → Add, type Backend Service.',
            anchor: 'file',
          },
          {
            text: 'Save, then Download Credentials with "Create Service Account" ticked and the user the integration acts as.',
          },
          {
            text: 'Upload the downloaded .ionapi file here. It holds secrets: keep it only as long as needed.',
          },
        ],
      },
      baseUrl: { template: 'https://mingle-ionapi.inforcloudsuite.com' },
      auth: {
        type: 'oauth2_password',
        tokenUrl: '{ion_token_url}',
        clientId: '{ion_client_id}',
        clientSecret: '{ion_client_secret}',
        clientAuth: 'body',
        username: '{ion_saak}',
        password: '{ion_sask}',
      },
      authenticate: {
        request: { path: '/Mingle/SocialService.Svc/User/Detail' },
        success: { all: [{ status: 200 }, { json: 'UserDetailList.0', exists: true }] },
        account: {
          user: { json: ['UserDetailList.0.UserName', 'UserDetailList.0.PersonId'] },
          tenant: { value: '{ion_tenant}' },
        },
      },
      hooks: { prepare: readIonapi },
      failures: [
        {
          when: { json: 'error', equals: 'invalid_client' },
          steps: ['authenticate'],
          code: 'INVALID_CREDENTIALS',
          message:
            'Infor did not accept the app’s client ID or secret from this file: the app may have been deleted or its secret renewed.',
          param: 'ionapi_file',
          upstream_code: { json: 'error' },
          guidance: DOWNLOAD_GUIDANCE,
        },
        {
          when: {
            all: [
              { json: 'error', equals: 'invalid_grant' },
              { json: 'error_description', matches: '[Dd]isabled|[Ii]nactive' },
            ],
          },
          steps: ['authenticate'],
          code: 'ACCOUNT_LOCKED',
          message: 'The service account in this file is disabled in Infor.',
          param: 'ionapi_file',
          upstream_code: { json: 'error' },
          guidance: DOWNLOAD_GUIDANCE,
        },
        {
          when: { json: 'error', equals: 'invalid_grant' },
          steps: ['authenticate'],
          code: 'INVALID_CREDENTIALS',
          message:
            'Infor did not accept the service-account keys in this file: they were revoked or replaced by a newer download.',
          param: 'ionapi_file',
          upstream_code: { json: 'error' },
          guidance: DOWNLOAD_GUIDANCE,
        },
        {
          when: { status: 404 },
          steps: ['authenticate'],
          code: 'INVALID_CREDENTIALS',
          message: 'The tenant in this .ionapi file was not found at Infor.',
          param: 'ionapi_file',
        },
      ],
    },
  ],
  failures: [
    {
      when: {
        all: [
          { status: 200 },
          { not: { json: 'nrOfFailedTransactions', equals: 0 } },
          { json: 'results.0.errorMessage', matches: '[Aa]uthori' },
        ],
      },
      steps: ['authorize'],
      code: 'INSUFFICIENT_PERMISSIONS',
      message: 'The service account signed in, but M3 does not let it run {entity_upstream} ({entity}).',
      upstream_code: { json: 'results.0.errorCode' },
      guidance: M3_SECURITY,
    },
  ],
});
