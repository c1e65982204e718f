import type { StepId } from '@flange/protocol';
import type { HttpClient, HttpResponse } from '../net/http-client';
import { NetError } from '../net/net-error';
import type {
  AuthMethodSpec,
  ConnectorDefinition,
  HookContext,
  PreparedRequest,
  RequestSpec,
} from './definition';
import { render, renderJson, renderRecord } from './template';

/** One structured log line. Fields are safe by construction: templates, not rendered values. */
export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  msg: string;
  system: string;
  auth_method?: string;
  step?: StepId;
  http_method?: string;
  /** The path template, never the rendered path (a template may place a key in the path). */
  path?: string;
  status?: number;
  duration_ms?: number;
  kind?: string;
  attempt?: number;
}

export type Logger = (entry: LogEntry) => void;

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const USER_AGENT = 'Flange/0.1 (+https://flange.dev)';

/**
 * The state of one validation: values, learned vars, cookies, secrets to scrub, and the guarded client.
 * `send` is the only way a definition's request reaches the network.
 */
export class Run {
  readonly vars: Record<string, string> = {};
  private readonly secrets = new Set<string>();
  private readonly cookies = new Map<string, string>();
  baseUrl = '';

  constructor(
    readonly def: ConnectorDefinition,
    readonly method: AuthMethodSpec,
    readonly values: Readonly<Record<string, string>>,
    private readonly client: () => HttpClient,
    private readonly log: Logger,
    private readonly now: () => number,
    readonly signal: AbortSignal | undefined,
  ) {
    for (const f of method.fields) {
      const v = values[f.key];
      if (v !== undefined && (f.kind === 'secret' || f.kind === 'file' || f.kind === 'otp'))
        this.addSecret(v);
    }
  }

  /** Template scope: form values, then the method's static vars, then what was learned. */
  scope(): Record<string, string> {
    return { ...this.values, ...(this.method.vars ?? {}), ...this.vars };
  }

  addSecret(value: string): void {
    // Very short values would scrub ordinary words; they are not meaningful secrets either.
    if (value.length >= 4) this.secrets.add(value);
  }

  /** Replace every known secret in a text (defence in depth for details and messages). */
  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join('•••');
    return out;
  }

  /** True once the product handed us a session (cookie or token) that a logout should end. */
  get hasSession(): boolean {
    return this.cookies.size > 0 || this.vars['session_token'] !== undefined;
  }

  /** Build the concrete request: URL, query, headers (defaults, auth, cookies), body. */
  prepare(spec: RequestSpec, withAuth: boolean): PreparedRequest {
    const scope = this.scope();
    const url = new URL(
      spec.url !== undefined
        ? render(spec.url, scope)
        : joinUrl(this.baseUrl, render(spec.path ?? '/', scope)),
    );
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': USER_AGENT,
      ...lower(renderRecord(this.def.headers, scope)),
    };
    if (withAuth) {
      const auth = this.authParts(scope);
      for (const [k, v] of Object.entries(auth.query)) url.searchParams.set(k, v);
      Object.assign(headers, lower(auth.headers));
      const sameOrigin = url.origin === new URL(this.baseUrl).origin;
      if (sameOrigin && this.cookies.size > 0) {
        headers['cookie'] = [...this.cookies.entries()].map(([k, v]) => `${k}=${v}`).join('; ');
      }
    }
    for (const [k, v] of Object.entries(renderRecord(spec.query, scope))) url.searchParams.set(k, v);
    Object.assign(headers, lower(renderRecord(spec.headers, scope)));
    let body: string | undefined;
    if (spec.body !== undefined) {
      if ('json' in spec.body) {
        body = JSON.stringify(renderJson(spec.body.json, scope));
        headers['content-type'] ??= 'application/json';
      } else if ('form' in spec.body) {
        body = new URLSearchParams(renderRecord(spec.body.form, scope)).toString();
        headers['content-type'] ??= 'application/x-www-form-urlencoded';
      } else {
        body = render(spec.body.text, scope);
        headers['content-type'] ??= spec.body.contentType;
      }
    }
    return { method: spec.method ?? 'GET', url: url.href, headers, ...(body !== undefined ? { body } : {}) };
  }

  /** Headers and query the auth shape adds to an authenticated call. */
  private authParts(scope: Record<string, string>): {
    headers: Record<string, string>;
    query: Record<string, string>;
  } {
    const auth = this.method.auth;
    switch (auth.type) {
      case 'static_key':
        return { headers: renderRecord(auth.headers, scope), query: renderRecord(auth.query, scope) };
      case 'basic': {
        const encoded = Buffer.from(
          `${render(auth.username, scope)}:${render(auth.password, scope)}`,
          'utf8',
        ).toString('base64');
        const scheme = auth.scheme ?? 'Basic';
        return {
          headers: {
            ...renderRecord(auth.headers, scope),
            [auth.header ?? 'authorization']: scheme === '' ? encoded : `${scheme} ${encoded}`,
          },
          query: renderRecord(auth.query, scope),
        };
      }
      case 'session':
        if (this.vars['session_token'] === undefined) return { headers: {}, query: {} };
        return {
          headers: renderRecord(auth.apply?.headers, scope),
          query: renderRecord(auth.apply?.query, scope),
        };
      case 'oauth2_client_credentials':
      case 'oauth2_password':
        if (this.vars['access_token'] === undefined) return { headers: {}, query: {} };
        return {
          headers: {
            ...renderRecord(auth.headers, scope),
            authorization: `Bearer ${this.vars['access_token']}`,
          },
          query: {},
        };
      case 'custom':
        return { headers: {}, query: {} };
    }
  }

  /**
   * Send one request of a step. Network errors get at most one retry, and only for idempotent calls; a
   * sign-in call is retried only when it certainly never reached the server. HTTP answers are never retried.
   */
  async send(spec: RequestSpec, step: StepId): Promise<HttpResponse> {
    const withAuth = spec.auth ?? step !== 'fingerprint';
    let prepared = this.prepare(spec, withAuth);
    const sign = this.method.hooks?.sign ?? this.def.hooks?.sign;
    if (withAuth && sign !== undefined) prepared = await sign(prepared, this.hookContext());
    return this.dispatch(prepared, step, {
      template: spec.url ?? spec.path ?? '/',
      withAuth,
      maxRedirects: spec.maxRedirects,
    });
  }

  /** Send an already prepared request (the engine's own token calls). */
  async dispatch(
    prepared: PreparedRequest,
    step: StepId,
    opts: { template: string; withAuth: boolean; maxRedirects?: number | undefined },
  ): Promise<HttpResponse> {
    const pathTemplate = opts.template;
    const withAuth = opts.withAuth;
    for (let attempt = 1; ; attempt++) {
      const started = this.now();
      try {
        const res = await this.client().request({
          method: prepared.method,
          url: prepared.url,
          headers: prepared.headers,
          ...(prepared.body !== undefined ? { body: prepared.body } : {}),
          ...(opts.maxRedirects !== undefined ? { maxRedirects: opts.maxRedirects } : {}),
          ...(this.signal !== undefined ? { signal: this.signal } : {}),
        });
        this.log({
          level: 'info',
          msg: 'upstream call',
          system: this.def.id,
          auth_method: this.method.id,
          step,
          http_method: prepared.method,
          path: pathTemplate,
          status: res.status,
          duration_ms: Math.round(this.now() - started),
          attempt,
        });
        if (withAuth || this.method.cookies === true) this.storeCookies(res, prepared.url);
        return res;
      } catch (e) {
        const kind = e instanceof NetError ? e.kind : 'unknown';
        this.log({
          level: 'warn',
          msg: 'upstream call failed',
          system: this.def.id,
          auth_method: this.method.id,
          step,
          http_method: prepared.method,
          path: pathTemplate,
          kind,
          duration_ms: Math.round(this.now() - started),
          attempt,
        });
        const retriable =
          attempt === 1 &&
          e instanceof NetError &&
          IDEMPOTENT.has(prepared.method) &&
          (e.kind === 'unreachable' || (e.kind === 'connection_lost' && step !== 'authenticate'));
        if (!retriable) throw e;
      }
    }
  }

  /** Remember cookies the base origin sets (JSESSIONID, B1SESSION…) for this attempt only. */
  private storeCookies(res: HttpResponse, url: string): void {
    if (new URL(url).origin !== new URL(this.baseUrl).origin) return;
    const raw = res.headers['set-cookie'];
    const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    for (const line of list) {
      const [pair, ...attrs] = line.split(';');
      const i = pair?.indexOf('=') ?? -1;
      if (pair === undefined || i <= 0) continue;
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired =
        attrs.some((a) => /^\s*max-age\s*=\s*(0|-\d+)\s*$/i.test(a)) || attrs.some((a) => isPastExpiry(a));
      if (expired || value === '') this.cookies.delete(name);
      else {
        this.cookies.set(name, value);
        this.addSecret(value);
      }
    }
  }

  /** Forget cookies and tokens (after logout). */
  endSession(): void {
    this.cookies.clear();
    delete this.vars['session_token'];
  }

  hookContext(): HookContext {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const run = this;
    return {
      values: this.values,
      vars: this.vars,
      get baseUrl() {
        return run.baseUrl;
      },
      set baseUrl(v: string) {
        run.baseUrl = v;
      },
      request: (spec) => run.send(spec, 'authenticate'),
      addSecret: (v) => run.addSecret(v),
      now: () => run.now(),
    };
  }
}

function isPastExpiry(attr: string): boolean {
  const m = /^\s*expires\s*=\s*(.+)$/i.exec(attr);
  if (m === null) return false;
  const t = Date.parse(m[1]!);
  return !Number.isNaN(t) && t < Date.now();
}

function joinUrl(base: string, path: string): string {
  if (/^https?:\/\//i.test(path))
    throw new Error('A request path must be relative; use `url` for absolute addresses');
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

function lower(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}
