import * as z from 'zod/mini';

/** The closed set of error codes. Every problem document and every failed attempt carries one of these. */
export const ErrorCode = z.enum([
  // Request shape and routing
  'INVALID_REQUEST',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'CONFLICT',
  // Caller authentication
  'UNAUTHORIZED',
  'TOKEN_MALFORMED',
  'TOKEN_REVOKED',
  'TOKEN_EXPIRED',
  'WRONG_TOKEN_KIND',
  'TOKEN_IN_QUERY',
  'SESSION_EXPIRED',
  'FORBIDDEN',
  'ORIGIN_NOT_ALLOWED',
  'PUBLIC_TOKEN_INVALID',
  'PUBLIC_TOKEN_USED',
  'SYSTEM_NOT_ALLOWED',
  'SYSTEM_NOT_AVAILABLE',
  'REAUTHORIZATION_REQUIRED',
  'RATE_LIMIT_EXCEEDED',
  'TOO_MANY_ATTEMPTS',
  // Instance URL and network
  'URL_NOT_ALLOWED',
  'INSTANCE_UNREACHABLE',
  'TLS_UNTRUSTED',
  'UPSTREAM_TIMEOUT',
  'WRONG_PRODUCT',
  // What the upstream system said about the credentials
  'INVALID_CREDENTIALS',
  'LOGIN_FAILED',
  'ACCOUNT_LOCKED',
  'IP_BLOCKED',
  'PASSWORD_EXPIRED',
  'MFA_REQUIRED',
  'KEY_EXPIRED',
  'INSUFFICIENT_PERMISSIONS',
  'FEATURE_DISABLED',
  'LICENSE_LIMIT',
  'CLOCK_SKEW',
  'APPROVAL_PENDING',
  'UPSTREAM_RATE_LIMITED',
  'UPSTREAM_ERROR',
  // Ours
  'INTERNAL_ERROR',
  'SERVICE_UNAVAILABLE',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/**
 * The HTTP status used when the code is the answer to a request. Apart from the list above so that a
 * browser bundle, which needs the codes but never a status, leaves the table out.
 */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  // Request shape and routing
  INVALID_REQUEST: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  // Caller authentication
  UNAUTHORIZED: 401,
  TOKEN_MALFORMED: 401,
  TOKEN_REVOKED: 401,
  TOKEN_EXPIRED: 401,
  WRONG_TOKEN_KIND: 401,
  TOKEN_IN_QUERY: 400,
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  ORIGIN_NOT_ALLOWED: 403,
  PUBLIC_TOKEN_INVALID: 400,
  PUBLIC_TOKEN_USED: 400,
  SYSTEM_NOT_ALLOWED: 403,
  SYSTEM_NOT_AVAILABLE: 422,
  REAUTHORIZATION_REQUIRED: 403,
  RATE_LIMIT_EXCEEDED: 429,
  TOO_MANY_ATTEMPTS: 429,
  // Instance URL and network
  URL_NOT_ALLOWED: 422,
  INSTANCE_UNREACHABLE: 424,
  TLS_UNTRUSTED: 424,
  UPSTREAM_TIMEOUT: 504,
  WRONG_PRODUCT: 424,
  // What the upstream system said about the credentials
  INVALID_CREDENTIALS: 424,
  LOGIN_FAILED: 424,
  ACCOUNT_LOCKED: 424,
  IP_BLOCKED: 424,
  PASSWORD_EXPIRED: 424,
  MFA_REQUIRED: 424,
  KEY_EXPIRED: 424,
  INSUFFICIENT_PERMISSIONS: 424,
  FEATURE_DISABLED: 424,
  LICENSE_LIMIT: 424,
  CLOCK_SKEW: 424,
  APPROVAL_PENDING: 424,
  UPSTREAM_RATE_LIMITED: 424,
  UPSTREAM_ERROR: 502,
  // Ours
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
};

/** HTTP status for an error code. */
export function statusFor(code: ErrorCode): number {
  return ERROR_STATUS[code];
}

/** Default titles: short, stable, for developers (display messages are per-case). */
export const ERROR_TITLES: Record<ErrorCode, string> = {
  INVALID_REQUEST: 'The request is not valid',
  UNSUPPORTED_MEDIA_TYPE: 'The request body must be application/json',
  PAYLOAD_TOO_LARGE: 'The request body is too large',
  NOT_FOUND: 'Not found',
  METHOD_NOT_ALLOWED: 'Method not allowed',
  CONFLICT: 'Conflict',
  UNAUTHORIZED: 'Authentication required',
  TOKEN_MALFORMED: 'The token is malformed',
  TOKEN_REVOKED: 'The token has been revoked',
  TOKEN_EXPIRED: 'The token has expired',
  WRONG_TOKEN_KIND: 'This endpoint does not accept this kind of token',
  TOKEN_IN_QUERY: 'Tokens are not accepted in the query string',
  SESSION_EXPIRED: 'The connect session has expired',
  FORBIDDEN: 'Forbidden',
  ORIGIN_NOT_ALLOWED: 'This origin is not allowed for the session',
  PUBLIC_TOKEN_INVALID: 'The public token is not valid',
  PUBLIC_TOKEN_USED: 'The public token has already been exchanged',
  SYSTEM_NOT_ALLOWED: 'The system is not allowed in this session',
  SYSTEM_NOT_AVAILABLE: 'The system has no connector yet',
  REAUTHORIZATION_REQUIRED: 'The connection needs to be reauthorized',
  RATE_LIMIT_EXCEEDED: 'Rate limit exceeded',
  TOO_MANY_ATTEMPTS: 'Too many failed attempts',
  URL_NOT_ALLOWED: 'The instance URL is not allowed',
  INSTANCE_UNREACHABLE: 'The instance could not be reached',
  TLS_UNTRUSTED: 'The instance certificate is not trusted',
  UPSTREAM_TIMEOUT: 'The instance did not answer in time',
  WRONG_PRODUCT: 'The address does not answer as the expected product',
  INVALID_CREDENTIALS: 'The credentials were rejected',
  LOGIN_FAILED: 'The login failed',
  ACCOUNT_LOCKED: 'The account is locked',
  IP_BLOCKED: 'The instance blocked our address',
  PASSWORD_EXPIRED: 'The password has expired',
  MFA_REQUIRED: 'Multi-factor authentication is required',
  KEY_EXPIRED: 'The key has expired or was revoked',
  INSUFFICIENT_PERMISSIONS: 'The account lacks a permission',
  FEATURE_DISABLED: 'A required feature is disabled',
  LICENSE_LIMIT: 'A licence limit was reached',
  CLOCK_SKEW: 'Clocks disagree',
  APPROVAL_PENDING: 'An administrator must approve the integration',
  UPSTREAM_RATE_LIMITED: 'The instance is rate limiting us',
  UPSTREAM_ERROR: 'The instance answered with an error',
  INTERNAL_ERROR: 'Internal error',
  SERVICE_UNAVAILABLE: 'Service unavailable',
};

/** Where a developer reads about a code. */
export function docUrlFor(code: ErrorCode): string {
  return `https://docs.flange.dev/errors#${code.toLowerCase()}`;
}
