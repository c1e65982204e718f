import type { Endpoint, EndpointAuth, ErrorCode } from '@flange/protocol';

/** Any endpoint may answer these: they come from the HTTP layer, not from the endpoint. */
export const COMMON_PROBLEM_CODES: readonly ErrorCode[] = [
  'TOKEN_IN_QUERY',
  'METHOD_NOT_ALLOWED',
  'INTERNAL_ERROR',
  'SERVICE_UNAVAILABLE',
];

/** What checking each kind of bearer token can refuse (http/auth.ts and the rate-limit hook). */
const AUTH_CODES: Record<EndpointAuth, readonly ErrorCode[]> = {
  secret_key: [
    'UNAUTHORIZED',
    'TOKEN_MALFORMED',
    'WRONG_TOKEN_KIND',
    'TOKEN_REVOKED',
    'TOKEN_EXPIRED',
    'RATE_LIMIT_EXCEEDED',
  ],
  connection: [
    'UNAUTHORIZED',
    'TOKEN_MALFORMED',
    'WRONG_TOKEN_KIND',
    'TOKEN_REVOKED',
    'TOKEN_EXPIRED',
    'REAUTHORIZATION_REQUIRED',
    'RATE_LIMIT_EXCEEDED',
  ],
  session: ['UNAUTHORIZED', 'TOKEN_MALFORMED', 'WRONG_TOKEN_KIND', 'SESSION_EXPIRED', 'ORIGIN_NOT_ALLOWED'],
  none: [],
};

/** Any POST, PATCH or DELETE body is read as JSON (http/body.ts), even where the endpoint takes none. */
const BODY_CODES: readonly ErrorCode[] = ['INVALID_REQUEST', 'UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE'];

/** What each endpoint refuses beyond its token, body, query and path id (read from its service). */
export const ENDPOINT_PROBLEM_CODES: Record<string, readonly ErrorCode[]> = {
  'POST /v1/connect/sessions': ['NOT_FOUND', 'CONFLICT'],
  'POST /v1/connect/exchange': ['PUBLIC_TOKEN_INVALID', 'PUBLIC_TOKEN_USED'],
  'GET /v1/system-requests': ['INVALID_REQUEST'],
  'GET /v1/connect/systems/{id}': ['SYSTEM_NOT_ALLOWED'],
  'POST /v1/connect/probe': ['SYSTEM_NOT_ALLOWED', 'SYSTEM_NOT_AVAILABLE', 'TOO_MANY_ATTEMPTS'],
  'POST /v1/connect/attempts': [
    'SYSTEM_NOT_ALLOWED',
    'SYSTEM_NOT_AVAILABLE',
    'CONFLICT',
    'NOT_FOUND',
    'TOO_MANY_ATTEMPTS',
  ],
  'GET /v1/connect/attempts/{id}/events': ['INVALID_REQUEST'],
  'POST /v1/connect/handoffs': ['FORBIDDEN', 'CONFLICT', 'TOO_MANY_ATTEMPTS'],
  'POST /v1/connect/handoffs/redeem': [
    'UNAUTHORIZED',
    'TOKEN_MALFORMED',
    'WRONG_TOKEN_KIND',
    'TOKEN_REVOKED',
    'TOKEN_EXPIRED',
    'CONFLICT',
    'ORIGIN_NOT_ALLOWED',
  ],
  'POST /v1/connections/{id}/verify': ['CONFLICT', 'REAUTHORIZATION_REQUIRED', 'RATE_LIMIT_EXCEEDED'],
  'POST /v1/connections/{id}/token/rotate': ['CONFLICT'],
  'POST /v1/webhook-endpoints': ['URL_NOT_ALLOWED', 'CONFLICT'],
  'PATCH /v1/webhook-endpoints/{id}': ['URL_NOT_ALLOWED'],
  'POST /v1/webhook-endpoints/{id}/roll-secret': ['CONFLICT'],
  'POST /v1/webhook-deliveries/{id}/retry': ['CONFLICT'],
  'GET /readyz': ['SERVICE_UNAVAILABLE'],
  'GET /metrics': ['UNAUTHORIZED'],
};

/** `GET /v1/connections/{id}`: the key of an endpoint in tables keyed by operation. */
export function endpointKey(e: Pick<Endpoint, 'method' | 'path'>): string {
  return `${e.method} ${e.path}`;
}

/** The problem codes an endpoint itself may answer, in a stable order (the common ones excluded). */
export function problemCodesFor(e: Endpoint): ErrorCode[] {
  const codes = new Set<ErrorCode>(AUTH_CODES[e.auth]);
  if (e.method !== 'GET') for (const c of BODY_CODES) codes.add(c);
  if (e.query) codes.add('INVALID_REQUEST');
  if (/\{\w+\}/.test(e.path)) codes.add('NOT_FOUND');
  for (const c of ENDPOINT_PROBLEM_CODES[endpointKey(e)] ?? []) codes.add(c);
  for (const c of COMMON_PROBLEM_CODES) codes.delete(c);
  return [...codes];
}
