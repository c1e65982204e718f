import {
  AttemptState,
  CatalogResponse,
  CreateAttemptResponse,
  HandoffCreated,
  HandoffList,
  PositionResponse,
  ProbeResult,
  RedeemHandoffResponse,
  SessionInfo,
  SystemDetail,
} from '@flange/protocol';
import type {
  AttemptEvent,
  Category,
  CreateAttemptBody,
  CreateHandoffBody,
  HandoffResume,
  ProbeBody,
  RequestSystemBody,
} from '@flange/protocol';
import type * as z from 'zod/mini';
import { FlangeApiError, errorFromResponse } from './api-error';
import { streamAttemptEvents } from './sse';
import type { AttemptStreamOptions } from './sse';

export interface ApiClientOptions {
  /** Where the Flange API answers, e.g. https://api.flange.dev; '' means the page's own origin. */
  baseUrl: string;
  sessionToken: string;
  fetch?: typeof fetch;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

/** The typed client of the session-token endpoints the connect flow calls. */
export interface ApiClient {
  readonly baseUrl: string;
  getSession(opts?: RequestOptions): Promise<SessionInfo>;
  getCatalog(query?: { q?: string; category?: Category }, opts?: RequestOptions): Promise<CatalogResponse>;
  getSystem(systemId: string, opts?: RequestOptions): Promise<SystemDetail>;
  probe(body: ProbeBody, opts?: RequestOptions): Promise<ProbeResult>;
  createAttempt(body: CreateAttemptBody, opts?: RequestOptions): Promise<CreateAttemptResponse>;
  getAttempt(attemptId: string, opts?: RequestOptions): Promise<AttemptState>;
  requestSystem(body: RequestSystemBody, opts?: RequestOptions): Promise<void>;
  /** A one-time link for the end user's IT admin; its secret is in the URL's fragment. */
  createHandoff(body: CreateHandoffBody, opts?: RequestOptions): Promise<HandoffCreated>;
  listHandoffs(opts?: RequestOptions): Promise<HandoffList>;
  /** Where the user is, kept on the session (non-secret values only), for a reload anywhere. */
  savePosition(position: HandoffResume | null, opts?: RequestOptions): Promise<void>;
  getPosition(opts?: RequestOptions): Promise<HandoffResume | null>;
  /** Follow an attempt's events until it succeeds or fails; resolves with the terminal event. */
  followAttempt(
    attemptId: string,
    onEvent: (event: AttemptEvent, eventId: string) => void,
    opts?: RequestOptions & { lastEventId?: string },
  ): Promise<AttemptEvent>;
}

function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

type Fetch = typeof fetch;

/** One JSON call with a bearer token, checked against `schema`; a non-2xx answer throws FlangeApiError. */
async function request<S extends z.ZodMiniType>(
  doFetch: Fetch,
  url: string,
  bearer: string,
  method: 'GET' | 'POST',
  schema: S | null,
  body: unknown,
  opts: RequestOptions | undefined,
): Promise<z.infer<S>> {
  const headers: Record<string, string> = { Authorization: `Bearer ${bearer}`, Accept: 'application/json' };
  const init: RequestInit = { method, headers, cache: 'no-store', credentials: 'omit' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (opts?.signal) init.signal = opts.signal;
  let res: Response;
  try {
    res = await doFetch(url, init);
  } catch (error) {
    if (opts?.signal?.aborted) throw error;
    throw new FlangeApiError(0, null, 'Could not reach Flange.', { cause: error });
  }
  if (!res.ok) throw await errorFromResponse(res);
  if (schema === null) {
    // Read the body anyway: it frees the connection, and nothing is left half-received.
    await res.arrayBuffer().catch(() => undefined);
    return undefined as z.infer<S>;
  }
  let json: unknown;
  try {
    json = await res.json();
  } catch (error) {
    throw new FlangeApiError(res.status, null, 'Flange answered with a body that is not JSON.', {
      cause: error,
    });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new FlangeApiError(
      res.status,
      null,
      `Unexpected response from ${new URL(url, 'http://flange.invalid').pathname}.`,
      {
        cause: parsed.error,
      },
    );
  }
  return parsed.data;
}

/**
 * Trade a hand-off secret (from the link's fragment) for a session token, once. Called by the hosted
 * page the admin opened; the secret travels in the Authorization header, never in a URL.
 */
export function redeemHandoff(
  options: { baseUrl: string; secret: string; fetch?: Fetch },
  opts?: RequestOptions,
): Promise<RedeemHandoffResponse> {
  const doFetch: Fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const url = joinUrl(options.baseUrl, '/v1/connect/handoffs/redeem');
  return request(doFetch, url, options.secret, 'POST', RedeemHandoffResponse, undefined, opts);
}

/** Create the API client for one connect session. The token only ever travels in a header. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch: Fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const call = <S extends z.ZodMiniType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S | null,
    body: unknown,
    opts: RequestOptions | undefined,
  ): Promise<z.infer<S>> =>
    request(doFetch, joinUrl(options.baseUrl, path), options.sessionToken, method, schema, body, opts);

  const enc = encodeURIComponent;
  return {
    baseUrl: options.baseUrl,
    getSession: (opts) => call('GET', '/v1/connect/session', SessionInfo, undefined, opts),
    getCatalog: (query = {}, opts) => {
      const params = new URLSearchParams();
      if (query.q) params.set('q', query.q);
      if (query.category) params.set('category', query.category);
      const qs = params.toString();
      return call('GET', `/v1/connect/catalog${qs ? `?${qs}` : ''}`, CatalogResponse, undefined, opts);
    },
    getSystem: (id, opts) => call('GET', `/v1/connect/systems/${enc(id)}`, SystemDetail, undefined, opts),
    probe: (body, opts) => call('POST', '/v1/connect/probe', ProbeResult, body, opts),
    createAttempt: (body, opts) => call('POST', '/v1/connect/attempts', CreateAttemptResponse, body, opts),
    getAttempt: (id, opts) => call('GET', `/v1/connect/attempts/${enc(id)}`, AttemptState, undefined, opts),
    requestSystem: (body, opts) =>
      call('POST', '/v1/connect/system-requests', null, body, opts).then(() => undefined),
    createHandoff: (body, opts) => call('POST', '/v1/connect/handoffs', HandoffCreated, body, opts),
    listHandoffs: (opts) => call('GET', '/v1/connect/handoffs', HandoffList, undefined, opts),
    savePosition: (position, opts) =>
      call('POST', '/v1/connect/position', null, { position }, opts).then(() => undefined),
    getPosition: (opts) =>
      call('GET', '/v1/connect/position', PositionResponse, undefined, opts).then((r) => r.position),
    followAttempt: async (id, onEvent, opts = {}) => {
      const streamOpts: AttemptStreamOptions = {
        url: joinUrl(options.baseUrl, `/v1/connect/attempts/${enc(id)}/events`),
        sessionToken: options.sessionToken,
        onEvent,
        fetch: doFetch,
      };
      if (opts.signal) streamOpts.signal = opts.signal;
      if (opts.lastEventId !== undefined) streamOpts.lastEventId = opts.lastEventId;
      return streamAttemptEvents(streamOpts);
    },
  };
}
