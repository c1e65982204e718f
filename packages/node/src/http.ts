import { ErrorCode, Problem } from '@flange/protocol';
import type * as z from 'zod/mini';
import { FlangeConnectionError, FlangeError, FlangeProtocolError } from './errors';

export interface TransportOptions {
  baseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
  maxRetries: number;
  userAgent: string;
}

export interface RequestSpec<T> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  token: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** null for a 204 answer. */
  schema: z.ZodMiniType<T> | null;
}

/** Longest Retry-After the SDK waits out by itself. */
export const MAX_RETRY_AFTER_SECONDS = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function fallbackCode(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMIT_EXCEEDED';
  if (status >= 500) return status === 500 ? 'INTERNAL_ERROR' : 'SERVICE_UNAVAILABLE';
  return 'INVALID_REQUEST';
}

async function toError(res: Response): Promise<FlangeError> {
  const requestId = res.headers.get('x-request-id');
  const header = res.headers.get('retry-after');
  const retryAfter = header !== null && /^\d+$/.test(header) ? Number(header) : null;
  let problem: Problem | null = null;
  try {
    const parsed = Problem.safeParse(await res.json());
    if (parsed.success) problem = parsed.data;
  } catch {
    // Not JSON (a proxy's error page): the status alone has to do.
  }
  return new FlangeError({
    code: problem?.code ?? fallbackCode(res.status),
    status: res.status,
    message: problem ? `${problem.title}: ${problem.detail}` : `Flange answered HTTP ${res.status}`,
    requestId: problem?.request_id ?? requestId,
    problem,
    retryAfter: problem?.retry_after ?? retryAfter,
  });
}

/**
 * One API call with the SDK's rules: bearer token in the Authorization header (never the URL), JSON in and
 * out, the answer checked against the protocol schema. GETs are retried on network errors and 5xx; any call
 * is retried on 429 after Retry-After (the server did not act on it), up to `maxRetries` times.
 */
export async function request<T>(opts: TransportOptions, spec: RequestSpec<T>): Promise<T> {
  const url = new URL(spec.path, opts.baseUrl);
  for (const [k, v] of Object.entries(spec.query ?? {}))
    if (v !== undefined) url.searchParams.set(k, String(v));
  const headers: Record<string, string> = {
    authorization: `Bearer ${spec.token}`,
    accept: 'application/json',
    'user-agent': opts.userAgent,
  };
  if (spec.body !== undefined) headers['content-type'] = 'application/json';
  const init: RequestInit = { method: spec.method, headers };
  if (spec.body !== undefined) init.body = JSON.stringify(spec.body);

  for (let attempt = 0; ; attempt++) {
    const canRetry = attempt < opts.maxRetries;
    let res: Response;
    try {
      res = await opts.fetch(url, { ...init, signal: AbortSignal.timeout(opts.timeoutMs) });
    } catch (cause) {
      if (canRetry && spec.method === 'GET') {
        await sleep(backoff(attempt));
        continue;
      }
      const timedOut = (cause as Error | null)?.name === 'TimeoutError';
      throw new FlangeConnectionError(
        timedOut ? `Flange did not answer within ${opts.timeoutMs} ms` : 'Flange could not be reached',
        { cause },
      );
    }
    if (res.ok) {
      if (spec.schema === null) {
        await res.body?.cancel();
        return undefined as T;
      }
      const requestId = res.headers.get('x-request-id');
      let json: unknown;
      try {
        json = await res.json();
      } catch {
        throw new FlangeProtocolError('Flange answered with a body that is not JSON', requestId);
      }
      const parsed = spec.schema.safeParse(json);
      if (!parsed.success) {
        throw new FlangeProtocolError(
          `Unexpected answer shape: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
          requestId,
        );
      }
      return parsed.data;
    }
    const error = await toError(res);
    // A long Retry-After is the caller's decision (a queue, a job), not something to sleep through silently.
    const shortWait = error.retryAfter === null || error.retryAfter <= MAX_RETRY_AFTER_SECONDS;
    if (canRetry && shortWait && (error.status === 429 || (spec.method === 'GET' && error.status >= 500))) {
      await sleep(error.retryAfter !== null ? error.retryAfter * 1000 : backoff(attempt));
      continue;
    }
    throw error;
  }
}

function backoff(attempt: number): number {
  return Math.min(250 * 2 ** attempt, 4000) * (0.5 + Math.random() / 2);
}
