/**
 * The connector definition format: one declarative object per product (see docs/connector-format.md).
 * Strings marked "template" may contain `{name}` placeholders, filled from the form values, the auth
 * method's `vars` and values the engine learns on the way (`access_token`, `session_token`). A filter may
 * follow the name: `{password|xml}`, `{account|lower}`, `{key|urlencode}`, `{user|base64}`, `{text|json}`.
 */
import type { ErrorCode, FieldSpec, Guidance, Guide, StepId, SystemSummary } from '@flange/protocol';
import type { HttpMethod, HttpResponse } from '../net/http-client';

/** A string with `{placeholders}`. */
export type Template = string;

/** JSON whose string leaves are templates. */
export type JsonTemplate =
  string | number | boolean | null | JsonTemplate[] | { [key: string]: JsonTemplate };

/** One HTTP call a definition asks for. */
export interface RequestSpec {
  /** Default GET. */
  method?: HttpMethod;
  /** Template, relative to the base URL (starts with `/`). */
  path?: Template;
  /** Template of an absolute URL, for calls to another host (a token endpoint). Wins over `path`. */
  url?: Template;
  query?: Record<string, Template>;
  headers?: Record<string, Template>;
  body?:
    { json: JsonTemplate } | { form: Record<string, Template> } | { text: Template; contentType: string };
  /** Send the auth method's credentials (headers, query, cookies, bearer). Default true except fingerprint. */
  auth?: boolean;
  /** Follow up to this many redirects (max 3, each re-checked). Default 0. */
  maxRedirects?: number;
}

/**
 * A test on a response. `json` paths are dot-separated (`Error.reasonCode`, `items.0.id`); a key that itself
 * contains dots is given as an array of keys.
 */
export type Predicate =
  | { status: number | number[] | '2xx' | '3xx' | '4xx' | '5xx' }
  | {
      json: string | string[];
      equals?: string | number | boolean | null;
      in?: (string | number | boolean | null)[];
      exists?: boolean;
      /** Regular expression tested against the value as a string. */
      matches?: string;
      isArray?: boolean;
    }
  | { header: string; exists?: boolean; equals?: string; matches?: string }
  | { body: { contains?: string; matches?: string } }
  | { all: Predicate[] }
  | { any: Predicate[] }
  | { not: Predicate };

/**
 * Where a value comes from in a response. `json` is a dot path, or a list of alternatives (the first
 * present wins), each a dot path or a list of keys.
 */
export type ValueSource =
  | { json: string | (string | string[])[] }
  | { header: string }
  /** Regular expression on the body text; group 1 is the value. */
  | { body: string }
  /** A template over values and vars. */
  | { value: Template };

/** Maps a failure signal to our code, message, field to fix and guidance. The first matching rule wins. */
export interface FailureRule {
  when: Predicate;
  /** Steps the rule applies to; default every step that makes HTTP calls. */
  steps?: StepId[];
  code: ErrorCode;
  /** For the end user. Placeholders: {product}, {entity}, {entity_upstream}, {upstream_code}. Never values. */
  message: string;
  /** The form field to fix. */
  param?: string;
  guidance?: Guidance;
  /** For obscured failures: everything it may be, and where the admin sees the real reason. */
  possible_causes?: string[];
  /** The product's own error id; a fixed string or read from the response. */
  upstream_code?: string | ValueSource;
  /** Can the same values succeed later (timeouts, rate limits)? Default false. */
  retryable?: boolean;
}

/** Identity of the account, read from the authenticate (or login) response. */
export interface AccountMapping {
  user?: ValueSource;
  display_name?: ValueSource;
  tenant?: ValueSource;
  company?: ValueSource;
}

/** Token extraction for login-for-session products. */
export type TokenSource =
  | { json: string | string[] }
  | { header: string }
  | { cookie: string }
  /** Regular expression on the body text (XML gateways such as Sage Intacct); group 1 is the token. */
  | { body: string };

/** How each request is authenticated. Five shapes cover most products; `custom` hands over to hooks. */
export type AuthShape =
  /** API keys in headers and/or query parameters, e.g. `{ headers: { apikey: '{api_key}' } }`. */
  | { type: 'static_key'; headers?: Record<string, Template>; query?: Record<string, Template> }
  /**
   * User and password, Basic by default. `header`/`scheme` adapt it (Maximo: header `maxauth`, no scheme);
   * key pairs use it too (`username: '{key_id}'`). Extra headers and query (`sap-client`, tenant) ride along.
   */
  | {
      type: 'basic';
      username: Template;
      password: Template;
      header?: string;
      /** Default `Basic`; empty string sends the bare base64. */
      scheme?: string;
      headers?: Record<string, Template>;
      query?: Record<string, Template>;
    }
  /** Log in once, carry a token (JSON path, header or cookie), log out at the end. */
  | {
      type: 'session';
      login: RequestSpec;
      /** Default 2xx. A 200 with an error body fails here (Sage Intacct, Mongoose). */
      success?: Predicate;
      token: TokenSource;
      /** How later calls carry the token; default: cookies only. `{session_token}` is the extracted token. */
      apply?: { headers?: Record<string, Template>; query?: Record<string, Template> };
    }
  /** OAuth 2.0 client credentials: token POST, then `Authorization: Bearer`. */
  | OAuth2Shape<'oauth2_client_credentials'>
  /** OAuth 2.0 resource owner password grant. */
  | (OAuth2Shape<'oauth2_password'> & { username: Template; password: Template })
  /** Everything done by `hooks.authenticate` (Windows-integrated, non-HTTP…). */
  | { type: 'custom' };

export interface OAuth2Shape<T extends string> {
  type: T;
  tokenUrl: Template;
  clientId: Template;
  clientSecret: Template;
  /** `basic` (default): HTTP Basic with client id/secret; `body`: both as form fields. */
  clientAuth?: 'basic' | 'body';
  scope?: Template;
  resource?: Template;
  audience?: Template;
  params?: Record<string, Template>;
  /** Extra headers on API calls besides the bearer (Ariba `apikey`). */
  headers?: Record<string, Template>;
}

/** Read one record of an entity the host will sync: login can succeed while reads are denied. */
export interface EntitySpec {
  id: string;
  label: string;
  /** The product's name for it (an object structure, an OData entity set), shown in permission errors. */
  upstream?: string;
  request: RequestSpec;
  /** Default 2xx. */
  success?: Predicate;
  /** A required entity that cannot be read fails the attempt; an optional one is reported unreadable. Default true. */
  required?: boolean;
}

/** An unauthenticated look that says which product answers. */
export interface FingerprintSpec {
  request: RequestSpec;
  match: Predicate;
  /** Product name when it matches (default: the definition's product). */
  product?: string;
  /** More precise names by signal (first match wins), e.g. MAS behind an OIDC redirect. */
  variants?: { when: Predicate; product: string }[];
  version?: ValueSource;
}

/** Where the base URL comes from. */
export type BaseUrlSpec =
  /** A `url` field the user typed (normalized). */
  | { field: string }
  /** Built from values, e.g. `https://{account|lower}.suitetalk.api.netsuite.com`. */
  | { template: Template }
  /** A fixed cloud host (hostOverrides can redirect it to a simulator). */
  | { fixed: string };

/** What hooks can use: the guarded client only, values, vars. */
export interface HookContext {
  readonly values: Readonly<Record<string, string>>;
  /** Mutable: what a hook sets here is available to templates. */
  readonly vars: Record<string, string>;
  baseUrl: string;
  /** A guarded request relative to the base URL (or absolute via `url`), authenticated unless `auth: false`. */
  request(spec: RequestSpec): Promise<HttpResponse>;
  /** Register a value to scrub from every event, error and log line (a token a hook obtained). */
  addSecret(value: string): void;
  now(): number;
}

/** An outgoing request after templates, for signing hooks. */
export interface PreparedRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** A failure a hook reports: same fields as a rule's outcome. */
export interface HookFailure {
  code: ErrorCode;
  message: string;
  param?: string;
  guidance?: Guidance;
  possible_causes?: string[];
  upstream_code?: string;
  retryable?: boolean;
}

/** Coded exceptions, for what a shape cannot express. Each is optional and small. */
export interface ConnectorHooks {
  /** Before resolve: parse credential files, derive values, discover the base URL (set `ctx.baseUrl`). */
  prepare?(ctx: HookContext): Promise<HookFailure | void> | HookFailure | void;
  /** Sign every authenticated request (OAuth 1.0a TBA, HMAC). */
  sign?(req: PreparedRequest, ctx: HookContext): Promise<PreparedRequest> | PreparedRequest;
  /** For `custom` shapes: do the whole sign-in; return the account or a failure. */
  authenticate?(ctx: HookContext): Promise<{ account: Record<string, string> } | HookFailure>;
  /** Classify a response no rule matched; return undefined to fall back to the defaults. */
  classify?(res: HttpResponse, step: StepId, ctx: HookContext): HookFailure | undefined;
}

/** One way to authenticate to the product: its form, shape, calls and failure rules. */
export interface AuthMethodSpec {
  id: string;
  label: string;
  description?: string;
  fields: FieldSpec[];
  guide?: Guide;
  /** Where the base URL comes from; default `{ field: 'instance_url' }`. */
  baseUrl?: BaseUrlSpec;
  /** Static template variables for this method (an API root that differs between methods). */
  vars?: Record<string, string>;
  auth: AuthShape;
  /** Keep cookies across this attempt's calls (session products, Maximo's JSESSIONID). */
  cookies?: boolean;
  /** Prove the credentials: an identity call and its success predicate. Optional for session/OAuth shapes. */
  authenticate?: {
    request?: RequestSpec;
    success?: Predicate;
    account?: AccountMapping;
    /** Values to keep from the identity answer for later templates, e.g. `{ company_id: { json: 'value.0.id' } }`. */
    capture?: Record<string, ValueSource>;
  };
  /** Called after authorize whatever its outcome, for products that hold a session (licence seats). */
  logout?: RequestSpec;
  /** Checked before the definition's rules. */
  failures?: FailureRule[];
  /** Field that identifies who logs in, for the lockout counter; a secret field is hashed. */
  principal?: string;
  hooks?: ConnectorHooks;
  /** Override the definition's entities (a method that reads through another API root). */
  entities?: EntitySpec[];
}

/** A whole connector. Adding a typical system is one of these. */
export interface ConnectorDefinition {
  /** The catalog system id. */
  id: string;
  /** Product name in messages ("IBM Maximo"). */
  product: string;
  /** Used when the catalog has no entry for `id` (development); the catalog wins otherwise. */
  summary?: SystemSummary;
  /** Headers on every call (Accept, API versions). */
  headers?: Record<string, Template>;
  fingerprint?: FingerprintSpec;
  entities: EntitySpec[];
  authMethods: AuthMethodSpec[];
  /** Product-wide failure rules, after the method's own. */
  failures?: FailureRule[];
  /** Ports the product may be reached on; default any allowed port. */
  ports?: number[];
  hooks?: ConnectorHooks;
}

/** Identity function that type-checks a definition and catches structural mistakes at load time. */
export function defineConnector(def: ConnectorDefinition): ConnectorDefinition {
  const methodIds = new Set<string>();
  for (const m of def.authMethods) {
    if (methodIds.has(m.id)) throw new Error(`${def.id}: duplicate auth method ${m.id}`);
    methodIds.add(m.id);
    const keys = new Set(m.fields.map((f) => f.key));
    const base = m.baseUrl ?? { field: 'instance_url' };
    if ('field' in base && !keys.has(base.field))
      throw new Error(`${def.id}/${m.id}: base URL field ${base.field} is not a field`);
    if (m.principal !== undefined && !keys.has(m.principal))
      throw new Error(`${def.id}/${m.id}: principal ${m.principal} is not a field`);
    if (
      m.auth.type === 'custom' &&
      m.hooks?.authenticate === undefined &&
      def.hooks?.authenticate === undefined
    ) {
      throw new Error(`${def.id}/${m.id}: a custom auth shape needs hooks.authenticate`);
    }
  }
  if (def.authMethods.length === 0) throw new Error(`${def.id}: no auth method`);
  return def;
}
