import type { ErrorCode, Problem } from '@flange/protocol';

/** An answer from Flange that is not a success: the problem document's fields, typed. */
export class FlangeError extends Error {
  override readonly name = 'FlangeError';
  /** The stable code to branch on (one of protocol's ErrorCode). */
  readonly code: ErrorCode;
  readonly status: number;
  /** Quote it to Flange support; it is also the X-Request-Id of the answer. */
  readonly requestId: string | null;
  /** Safe to show an end user, when Flange provides one. */
  readonly displayMessage: string | null;
  /** The request field at fault, when one is. */
  readonly param: string | null;
  readonly docUrl: string | null;
  /** Seconds to wait before retrying (429 answers). */
  readonly retryAfter: number | null;
  /** The whole problem document, or null when the answer was not one (a proxy's HTML page). */
  readonly problem: Problem | null;

  constructor(init: {
    code: ErrorCode;
    status: number;
    message: string;
    requestId: string | null;
    problem: Problem | null;
    retryAfter: number | null;
  }) {
    super(init.message);
    this.code = init.code;
    this.status = init.status;
    this.requestId = init.requestId;
    this.problem = init.problem;
    this.displayMessage = init.problem?.display_message ?? null;
    this.param = init.problem?.param ?? null;
    this.docUrl = init.problem?.doc_url ?? null;
    this.retryAfter = init.retryAfter;
  }
}

/** Flange could not be reached, or did not answer in time. Nothing is known about whether the call ran. */
export class FlangeConnectionError extends Error {
  override readonly name = 'FlangeConnectionError';
}

/** Flange answered 2xx with a body this SDK version does not understand (usually: update the SDK). */
export class FlangeProtocolError extends Error {
  override readonly name = 'FlangeProtocolError';
  constructor(
    message: string,
    readonly requestId: string | null,
  ) {
    super(message);
  }
}

/** A webhook whose signature, timestamp or body did not check out: answer it with 400 and do not act on it. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
}
