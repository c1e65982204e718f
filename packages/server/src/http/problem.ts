import type { Response } from 'express';
import { ERROR_TITLES, docUrlFor, statusFor } from '@flange/protocol';
import type { ErrorCode, Problem } from '@flange/protocol';

/** Optional members of a problem document, plus headers that go with it. */
export interface ProblemOptions {
  detail?: string;
  display_message?: string;
  param?: string;
  issues?: { path: string; message: string }[];
  hint?: string;
  /** Seconds; also sent as the Retry-After header. */
  retry_after?: number;
  headers?: Record<string, string>;
}

/** An error every layer may throw; the error handler turns it into a problem document. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ErrorCode,
    readonly options: ProblemOptions = {},
  ) {
    super(options.detail ?? ERROR_TITLES[code]);
  }
}

/** The RFC 9457 body for `code`. */
export function problemBody(
  code: ErrorCode,
  requestId: string,
  opts: ProblemOptions = {},
  instance?: string,
): Problem {
  const body: Problem = {
    type: docUrlFor(code),
    title: ERROR_TITLES[code],
    status: statusFor(code),
    detail: opts.detail ?? ERROR_TITLES[code],
    code,
    request_id: requestId,
    doc_url: docUrlFor(code),
  };
  if (instance !== undefined) body.instance = instance;
  if (opts.display_message !== undefined) body.display_message = opts.display_message;
  if (opts.param !== undefined) body.param = opts.param;
  if (opts.issues !== undefined) body.issues = opts.issues;
  if (opts.hint !== undefined) body.hint = opts.hint;
  if (opts.retry_after !== undefined) body.retry_after = opts.retry_after;
  return body;
}

/** Send a problem document (application/problem+json) for `code`. */
export function sendProblem(res: Response, code: ErrorCode, opts: ProblemOptions = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = problemBody(code, res.locals.requestId ?? 'unknown', opts, res.req.path);
  for (const [k, v] of Object.entries(opts.headers ?? {})) res.setHeader(k, v);
  if (opts.retry_after !== undefined) res.setHeader('Retry-After', String(opts.retry_after));
  res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}
