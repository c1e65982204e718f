import type { FieldSpec, Guidance } from '@flange/protocol';
import type { FailureRule, Predicate, ValueSource } from '../../engine/definition';

/**
 * Microsoft Entra ID token-endpoint failures (AADSTS codes in `error_codes`), shared by Business Central and
 * Finance & Operations. Microsoft warns the numbers may change (industrial-systems.md §3.5, S20), so each
 * rule also falls back to the standard OAuth `error` through the engine's built-in rules.
 */
const aadsts = (...codes: number[]): Predicate => ({ json: 'error_codes.0', in: codes });
export const AADSTS_CODE: ValueSource = { body: '"error_description"\\s*:\\s*"(AADSTS\\d+)' };

export const ENTRA_APP_GUIDANCE: Guidance = {
  title: 'Check the app registration',
  steps: [
    'In the Microsoft Entra admin center open App registrations and find the app by its Application (client) ID.',
    'Under Certificates & secrets, create a new client secret and copy its Value (not the Secret ID) right away: it is shown once.',
    'The tenant ID is the Directory (tenant) ID on the app’s Overview page.',
  ],
  doc_url: 'https://learn.microsoft.com/entra/identity-platform/reference-error-codes',
};

export const entraFields: FieldSpec[] = [
  {
    key: 'tenant_id',
    label: 'Directory (tenant) ID',
    kind: 'text',
    required: true,
    format: 'guid',
    placeholder: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    guide_anchor: 'tenant',
  },
  {
    key: 'client_id',
    label: 'Application (client) ID',
    kind: 'text',
    required: true,
    format: 'guid',
    guide_anchor: 'app',
  },
  {
    key: 'client_secret',
    label: 'Client secret (value)',
    kind: 'secret',
    required: true,
    min_length: 8,
    max_length: 512,
    guide_anchor: 'secret',
  },
];

/** AADSTS answers of the token endpoint, for any product behind Entra client credentials. */
export const ENTRA_TOKEN_RULES: FailureRule[] = [
  {
    when: aadsts(7000215),
    steps: ['authenticate'],
    code: 'INVALID_CREDENTIALS',
    message: 'Microsoft Entra ID rejected the client secret. Paste the secret’s Value, not its Secret ID.',
    param: 'client_secret',
    upstream_code: AADSTS_CODE,
    guidance: ENTRA_APP_GUIDANCE,
  },
  {
    when: aadsts(7000222),
    steps: ['authenticate'],
    code: 'KEY_EXPIRED',
    message: 'The client secret has expired. Create a new one for the app and paste its Value.',
    param: 'client_secret',
    upstream_code: AADSTS_CODE,
    guidance: ENTRA_APP_GUIDANCE,
  },
  {
    when: aadsts(700016),
    steps: ['authenticate'],
    code: 'INVALID_CREDENTIALS',
    message:
      'No application with this client ID exists in this tenant. Check the client ID and the tenant ID.',
    param: 'client_id',
    upstream_code: AADSTS_CODE,
    guidance: ENTRA_APP_GUIDANCE,
  },
  {
    when: aadsts(90002, 900023),
    steps: ['authenticate'],
    code: 'INVALID_CREDENTIALS',
    message:
      'Microsoft Entra ID does not know this tenant. Copy the Directory (tenant) ID from the app’s Overview page.',
    param: 'tenant_id',
    upstream_code: AADSTS_CODE,
  },
  {
    when: aadsts(7000218),
    steps: ['authenticate'],
    code: 'INVALID_CREDENTIALS',
    message: 'Microsoft Entra ID received no client secret.',
    param: 'client_secret',
    upstream_code: AADSTS_CODE,
  },
  {
    when: aadsts(53003),
    steps: ['authenticate'],
    code: 'INSUFFICIENT_PERMISSIONS',
    message: 'A Conditional Access policy of your tenant blocks this app from getting a token.',
    upstream_code: AADSTS_CODE,
    guidance: {
      title: 'Allow the app in Conditional Access',
      steps: [
        'In the Entra admin center open Protection → Conditional Access and find the policy for workload identities that applies to this app.',
        'Exclude the app, or allow our egress addresses in the policy’s locations.',
      ],
    },
  },
  {
    when: aadsts(500011),
    steps: ['authenticate'],
    code: 'FEATURE_DISABLED',
    message:
      'The product is not provisioned in this tenant (its service principal is missing). Check the tenant ID, or ask an administrator to consent.',
    param: 'tenant_id',
    upstream_code: AADSTS_CODE,
  },
  {
    when: aadsts(65001),
    steps: ['authenticate'],
    code: 'INSUFFICIENT_PERMISSIONS',
    message: 'An administrator has not granted consent for the app’s API permissions.',
    upstream_code: AADSTS_CODE,
    guidance: {
      title: 'Grant admin consent',
      steps: [
        'In App registrations → API permissions, add the product’s application permission and choose Grant admin consent.',
      ],
    },
  },
];
