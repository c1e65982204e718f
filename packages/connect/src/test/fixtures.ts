import type { AttemptEvent, ConnectionView, SessionInfo } from '@flange/protocol';

export const SESSION_TOKEN = `fls_${'a'.repeat(40)}`;

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

export const connection = {
  id: 'conn_1',
  object: 'connection',
  environment: 'test',
  status: 'active',
  reauthorization_required: false,
  system: { id: 'ibm_maximo', name: 'IBM Maximo' },
  auth_method: 'api_key',
  instance_url: 'https://maximo.example.com',
  end_user: { id: 'u1', name: 'Dana', organization: null },
  account: { user: 'MXINTADM', display_name: 'Integration Admin' },
  entities_verified: [{ id: 'workorder', label: 'Work orders' }],
  created_at: '2030-01-01T00:00:00.000Z',
  last_verified_at: '2030-01-01T00:00:00.000Z',
  next_check_at: null,
  last_verification: null,
  metadata: {},
} satisfies ConnectionView;

export const stepEvents: AttemptEvent[] = [
  { type: 'step', step: 'resolve', status: 'succeeded', duration_ms: 3 },
  { type: 'step', step: 'connect', status: 'succeeded', duration_ms: 9 },
  { type: 'step', step: 'authenticate', status: 'running' },
];

export const succeeded: AttemptEvent = {
  type: 'succeeded',
  public_token: `flp_${'b'.repeat(40)}`,
  connection,
};

export const failedBadKey: AttemptEvent = {
  type: 'failed',
  error: {
    code: 'INVALID_CREDENTIALS',
    step: 'authenticate',
    display_message: 'Maximo rejected the API key.',
    param: 'api_key',
    upstream_code: 'BMXAA9549E',
    guidance: { title: 'Create a new API key', steps: ['Open Administration → API keys'] },
    retryable: false,
  },
};

/** Format events as an SSE body chunk with sequential ids starting at `firstId`. */
export function sse(events: AttemptEvent[], firstId = 1): string {
  return events
    .map((e, i) => `id: ${firstId + i}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`)
    .join('');
}

/** An in-memory Web Storage, shared by two stores the way two tabs share localStorage. */
export function memoryStorage(): {
  data: Map<string, string>;
  getItem(k: string): string | null;
  setItem(k: string, v: string): void;
  removeItem(k: string): void;
  readonly length: number;
  key(i: number): string | null;
} {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
    get length() {
      return data.size;
    },
    key: (i) => [...data.keys()][i] ?? null,
  };
}
