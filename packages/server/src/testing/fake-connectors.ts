import type { ConnectorInfo, Connectors, ValidateInput, ValidateOutcome } from '@flange/connectors';
import type {
  AttemptError,
  ErrorCode,
  ProbeResult,
  StepEvent,
  StepId,
  SystemSummary,
} from '@flange/protocol';

/**
 * A small stand-in for @flange/connectors, for the server's own unit tests only (the integration
 * suite uses the real connectors against the Maximo simulator). Its behaviour is keyed by the
 * secret's first dash-separated word, so each test reads as what the user did:
 *   good → success · bad → INVALID_CREDENTIALS · locked → ACCOUNT_LOCKED · blocked → IP_BLOCKED ·
 *   unreachable → INSTANCE_UNREACHABLE (before sign-in) · noperm → INSUFFICIENT_PERMISSIONS (after sign-in) ·
 *   hold → waits for release() · slow → never answers (until aborted) · throw → the pipeline throws.
 */
export class FakeConnectors implements Connectors {
  /** Every validate() call, in order: a lockout test counts the upstream calls that were made. */
  readonly calls: ValidateInput[] = [];
  readonly probes: { systemId: string; url: string }[] = [];
  #held: (() => void)[] = [];

  readonly infos: ConnectorInfo[] = [
    info(
      {
        id: 'fake-cmms',
        name: 'Fake CMMS',
        vendor: 'Fake Corp',
        category: 'eam_cmms',
        availability: 'available',
        popularity: 90,
        aliases: ['fcmms', 'maintenance'],
      },
      true,
    ),
    info(
      {
        id: 'fake-erp',
        name: 'Fake ERP',
        vendor: 'Other Vendor',
        category: 'erp',
        availability: 'available',
        popularity: 50,
        aliases: [],
      },
      false,
    ),
    info(
      {
        id: 'fake-requested',
        name: 'Requested Système',
        vendor: 'Nobody',
        category: 'erp',
        availability: 'on_request',
        popularity: 10,
        aliases: ['wishlist'],
      },
      false,
    ),
  ];

  list(): ConnectorInfo[] {
    return this.infos;
  }

  get(systemId: string): ConnectorInfo | undefined {
    return this.infos.find((i) => i.summary.id === systemId);
  }

  /** Let every attempt waiting on a `hold` secret go on. */
  release(): void {
    const held = this.#held;
    this.#held = [];
    for (const h of held) h();
  }

  get heldCount(): number {
    return this.#held.length;
  }

  async validate(input: ValidateInput, onStep: (e: StepEvent) => void): Promise<ValidateOutcome> {
    this.calls.push(input);
    // The behaviour word is the secret's first dash-separated part, so a test can add a canary: good-canary42.
    const secret = (input.values.api_key ?? input.values.password ?? '').split('-')[0] ?? '';
    const step = (s: StepId, status: StepEvent['status'], detail?: string) =>
      onStep({ type: 'step', step: s, status, duration_ms: 1, ...(detail !== undefined ? { detail } : {}) });
    const fail = (s: StepId, code: ErrorCode, extra: Partial<AttemptError> = {}): ValidateOutcome => {
      step(s, 'failed');
      return {
        ok: false,
        error: { code, step: s, display_message: `fake ${code}`, retryable: false, ...extra },
      };
    };
    step('resolve', 'running');
    step('resolve', 'succeeded', '127.0.0.1');
    if (secret === 'throw') throw new Error('pipeline exploded');
    if (secret === 'hold') await new Promise<void>((resolve) => this.#held.push(resolve));
    if (secret === 'slow') {
      await new Promise<void>((resolve) =>
        input.signal?.addEventListener('abort', () => resolve(), { once: true }),
      );
      return fail('connect', 'UPSTREAM_TIMEOUT', { retryable: true });
    }
    step('connect', 'running');
    if (secret === 'unreachable') return fail('connect', 'INSTANCE_UNREACHABLE', { retryable: true });
    step('connect', 'succeeded');
    step('authenticate', 'running');
    if (secret === 'bad')
      return fail('authenticate', 'INVALID_CREDENTIALS', {
        param: input.values.api_key !== undefined ? 'api_key' : 'password',
      });
    if (secret === 'locked') return fail('authenticate', 'ACCOUNT_LOCKED');
    if (secret === 'blocked') return fail('authenticate', 'IP_BLOCKED');
    if (secret === 'malformed')
      return { ok: false, error: { code: 'NOT_A_CODE' } as unknown as AttemptError };
    step('authenticate', 'succeeded', 'Signed in as Max Admin');
    step('authorize', 'running');
    if (secret === 'noperm') return fail('authorize', 'INSUFFICIENT_PERMISSIONS');
    step('authorize', 'succeeded', '2 of 2 entities readable');
    return {
      ok: true,
      instanceUrl: input.values.instance_url ?? null,
      account: { user: input.values.username ?? 'apikey-user', display_name: 'Max Admin', tenant: 'MAXIMO' },
      entities: [
        { id: 'assets', label: 'Assets', ok: true },
        { id: 'workorders', label: 'Work orders', ok: true },
      ],
      credentials: { ...input.values },
    };
  }

  async probe(systemId: string, url: string): Promise<ProbeResult> {
    this.probes.push({ systemId, url });
    return {
      normalized_url: url,
      reachable: true,
      tls: 'none',
      product: 'match',
      product_name: 'Fake CMMS',
      message: 'Reachable.',
    };
  }

  loginIdentity(systemId: string, authMethod: string, values: Record<string, string>) {
    const url = values.instance_url;
    if (url === undefined || !this.get(systemId)) return null;
    const principal = authMethod === 'password' ? (values.username ?? '*') : `key:${values.api_key ?? ''}`;
    return { host: new URL(url).host, principal };
  }
}

function info(
  s: Pick<SystemSummary, 'id' | 'name' | 'vendor' | 'category' | 'availability' | 'popularity' | 'aliases'>,
  keepPath: boolean,
): ConnectorInfo {
  const urlField = {
    key: 'instance_url',
    label: 'Instance URL',
    kind: 'url' as const,
    required: true,
    ...(keepPath ? { keep_path: true } : {}),
  };
  return {
    summary: {
      ...s,
      deployment: ['cloud', 'on_prem'],
      logo: { monogram: s.name.slice(0, 2), background: '#123456', foreground: '#ffffff' },
    },
    authMethods:
      s.availability === 'available'
        ? [
            {
              id: 'api_key',
              label: 'API key',
              fields: [
                urlField,
                { key: 'api_key', label: 'API key', kind: 'secret', required: true, min_length: 3 },
              ],
            },
            {
              id: 'password',
              label: 'User and password',
              fields: [
                urlField,
                { key: 'username', label: 'User', kind: 'text', required: true },
                { key: 'password', label: 'Password', kind: 'secret', required: true },
              ],
            },
          ]
        : [],
    entities: [
      { id: 'assets', label: 'Assets' },
      { id: 'workorders', label: 'Work orders' },
    ],
    steps: ['resolve', 'connect', 'authenticate', 'authorize', 'store'],
  };
}
