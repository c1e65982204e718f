import { Problem } from '@flange/protocol';
import type { ErrorCode } from '@flange/protocol';

/** Codes a non-problem answer maps to, by status, so every failure still carries a closed-set code. */
function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 429) return 'RATE_LIMIT_EXCEEDED';
  if (status === 503 || status === 0) return 'SERVICE_UNAVAILABLE';
  if (status >= 500) return 'INTERNAL_ERROR';
  return 'INVALID_REQUEST';
}

/**
 * A failed call to the Flange API. Carries the RFC 9457 problem document when the server sent one;
 * `status` is 0 when the request never got an answer (network down, CORS refused, aborted).
 */
export class FlangeApiError extends Error {
  override readonly name = 'FlangeApiError';
  readonly status: number;
  readonly code: ErrorCode;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null, message?: string, options?: { cause?: unknown }) {
    super(
      message ?? problem?.detail ?? `Flange API request failed (${status === 0 ? 'network' : status})`,
      options,
    );
    this.status = status;
    this.problem = problem;
    this.code = problem?.code ?? codeForStatus(status);
  }

  /** The message safe to show an end user, when the server provided one. */
  get displayMessage(): string | undefined {
    return this.problem?.display_message;
  }

  /** The request field at fault, when the server named one. */
  get param(): string | undefined {
    return this.problem?.param;
  }

  /** True for answers that will not change on retry (4xx), so callers and react-query do not retry. */
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }
}

/** Build the error for a non-2xx response, reading its problem document when there is one. */
export async function errorFromResponse(res: Response): Promise<FlangeApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): fall back to the status alone.
  }
  const parsed = Problem.safeParse(body);
  return new FlangeApiError(res.status, parsed.success ? parsed.data : null);
}
