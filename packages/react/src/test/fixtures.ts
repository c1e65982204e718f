import type {
  AttemptEvent,
  CatalogResponse,
  ProbeResult,
  SessionInfo,
  SystemDetail,
  SystemSummary,
} from '@flange/protocol';

export const API = 'https://api.flange.test';

export const session = {
  id: 'cs_1',
  environment: 'test',
  end_user: { id: 'u1', name: 'Dana' },
  systems: null,
  locale: null,
  expires_at: '2030-01-01T00:00:00.000Z',
  host: { name: 'Acme Reliability', logo_url: null },
  reconnect: null,
  last_attempt_id: null,
} satisfies SessionInfo;

const logo = { monogram: 'MX', background: '#0f62fe', foreground: '#ffffff' };
const summary = (
  s: Partial<SystemSummary> & Pick<SystemSummary, 'id' | 'name' | 'vendor'>,
): SystemSummary => ({
  category: 'eam_cmms',
  deployment: ['cloud', 'on_prem'],
  aliases: [],
  availability: 'available',
  popularity: 50,
  logo,
  ...s,
});

export const catalog = {
  data: [
    summary({
      id: 'ibm_maximo',
      name: 'IBM Maximo',
      vendor: 'IBM',
      aliases: ['MAS', 'Maximo Manage'],
      popularity: 90,
    }),
    summary({ id: 'sap_s4hana', name: 'SAP S/4HANA', vendor: 'SAP', category: 'erp', popularity: 95 }),
    summary({
      id: 'fiix',
      name: 'Fiix',
      vendor: 'Rockwell Automation',
      deployment: ['cloud'],
      popularity: 60,
    }),
    summary({
      id: 'infor_eam',
      name: 'Infor EAM',
      vendor: 'Infor',
      availability: 'on_request',
      popularity: 40,
    }),
  ],
  total: 4,
} satisfies CatalogResponse;

export const maximo: SystemDetail = {
  ...catalog.data[0]!,
  auth_methods: [
    {
      id: 'api_key',
      label: 'API key (Maximo Manage / MAS)',
      fields: [
        {
          key: 'instance_url',
          label: 'Instance URL',
          kind: 'url',
          required: true,
          placeholder: 'https://maximo.example.com',
        },
        {
          key: 'api_key',
          label: 'API key',
          kind: 'secret',
          required: true,
          min_length: 8,
          guide_anchor: 'create-key',
          help: 'Created under Administration → API keys.',
        },
      ],
      guide: {
        title: 'Create a Maximo API key',
        steps: [
          { text: 'Sign in to Maximo as an administrator.' },
          { text: 'Open Administration → Integration → API keys and choose Add.', anchor: 'create-key' },
        ],
        doc_url: 'https://www.ibm.com/docs/en/maximo-manage',
      },
    },
    {
      id: 'maxauth',
      label: 'User name and password (Maximo 7.6)',
      fields: [
        { key: 'instance_url', label: 'Instance URL', kind: 'url', required: true },
        { key: 'username', label: 'User name', kind: 'text', required: true },
        { key: 'password', label: 'Password', kind: 'secret', required: true },
      ],
    },
  ],
  entities: [{ id: 'workorder', label: 'Work orders' }],
  steps: ['resolve', 'connect', 'tls', 'fingerprint', 'authenticate', 'authorize', 'store'],
  sandbox: {
    note: 'The Maximo simulator accepts these.',
    instance_url: 'http://127.0.0.1:4101',
    credentials: {
      api_key: { api_key: 'good-key-123456' },
      maxauth: { username: 'maxadmin', password: 'maxadmin' },
    },
    scenarios: [{ label: 'Expired key', values: { api_key: 'expired-key-123' } }],
  },
};

// The connection, the session token and the success event are the ones the connect package's tests use.
export { connection, SESSION_TOKEN, succeeded } from '@flange/connect/testing';

export const steps = (upTo: number): AttemptEvent[] =>
  (['resolve', 'connect', 'tls', 'fingerprint', 'authenticate'] as const)
    .slice(0, upTo)
    .map((step, i) => ({ type: 'step', step, status: 'succeeded', duration_ms: 10 * (i + 1) }));

export const badKey: AttemptEvent = {
  type: 'failed',
  error: {
    code: 'INVALID_CREDENTIALS',
    step: 'authenticate',
    display_message: 'Maximo rejected this API key. It may have been revoked.',
    param: 'api_key',
    upstream_code: 'BMXAA9549E',
    guidance: { title: 'Create a new API key', steps: ['Open Administration → API keys', 'Choose Add'] },
    retryable: false,
  },
};

export const FINGERPRINT = Array.from({ length: 32 }, () => 'AB').join(':');
export const tlsUntrusted: AttemptEvent = {
  type: 'failed',
  error: {
    code: 'TLS_UNTRUSTED',
    step: 'tls',
    display_message: 'The server presented a self-signed certificate.',
    param: 'instance_url',
    certificate: {
      sha256: FINGERPRINT,
      subject: 'CN=maximo.local',
      issuer: 'CN=maximo.local',
      valid_from: '2024-01-01',
      valid_to: '2034-01-01',
      self_signed: true,
    },
    retryable: false,
  },
};

export const probeMatch = (url: string): ProbeResult => ({
  normalized_url: url,
  reachable: true,
  tls: 'trusted',
  product: 'match',
  product_name: 'IBM Maximo',
  version: '7.6.1.3',
  message: 'This is IBM Maximo 7.6.1.3',
});

/** The fixture catalog grown to `size` entries with made-up systems, for windowing and search at scale. */
export function bigCatalog(size: number): CatalogResponse {
  const categories = ['erp', 'eam_cmms', 'wms', 'mes', 'procurement', 'quality'] as const;
  const words = [
    'Orion',
    'Vector',
    'Helix',
    'Quartz',
    'Nimbus',
    'Atlas',
    'Pulse',
    'Ridge',
    'Summit',
    'Tundra',
  ];
  const data: SystemSummary[] = [...catalog.data];
  for (let i = data.length; i < size; i++) {
    const name = `${words[i % words.length]} ${words[Math.floor(i / words.length) % words.length]} ${i}`;
    data.push(
      summary({
        id: `sys_${i}`,
        name,
        vendor: `Vendor ${i % 97}`,
        category: categories[i % categories.length] ?? 'erp',
        deployment: i % 3 === 0 ? ['on_prem'] : ['cloud'],
        popularity: i % 50,
      }),
    );
  }
  return { data, total: data.length };
}
