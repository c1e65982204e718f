import { FlangeConnectionError, FlangeError, FlangeProtocolError } from '@flange/node';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';

/** The closed set of codes the demo backend answers its own frontend with. */
export type DemoErrorCode =
  | 'INVALID_REQUEST'
  | 'INVALID_SIGNATURE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PAYLOAD_TOO_LARGE'
  | 'FORBIDDEN_ORIGIN'
  | 'NOT_FOUND'
  | 'NOT_CONFIGURED'
  | 'FLANGE_ERROR'
  | 'FLANGE_UNREACHABLE'
  | 'INTERNAL_ERROR';

const STATUS: Record<DemoErrorCode, number> = {
  INVALID_REQUEST: 400,
  INVALID_SIGNATURE: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  FORBIDDEN_ORIGIN: 403,
  NOT_FOUND: 404,
  NOT_CONFIGURED: 503,
  FLANGE_ERROR: 502,
  FLANGE_UNREACHABLE: 503,
  INTERNAL_ERROR: 500,
};

/** An error the demo routes throw; the error handler turns it into a problem document. */
export class DemoError extends Error {
  readonly code: DemoErrorCode;
  /** The code Flange answered with, when the failure came from Flange. */
  readonly flangeCode: string | undefined;
  /** Flange's end-user message, safe to show. */
  readonly displayMessage: string | undefined;

  constructor(
    code: DemoErrorCode,
    message: string,
    opts: { flangeCode?: string; displayMessage?: string; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'DemoError';
    this.code = code;
    this.flangeCode = opts.flangeCode;
    this.displayMessage = opts.displayMessage;
  }
}

/** Send an RFC 9457 problem document. */
export function sendProblem(res: Response, err: DemoError): void {
  const status = STATUS[err.code];
  res
    .status(status)
    .type('application/problem+json')
    .json({
      type: 'about:blank',
      title: err.code === 'INTERNAL_ERROR' ? 'Internal error' : err.message,
      status,
      detail: err.message,
      code: err.code,
      ...(err.flangeCode === undefined ? {} : { flange_code: err.flangeCode }),
      ...(err.displayMessage === undefined ? {} : { display_message: err.displayMessage }),
    });
}

/** Unknown /api paths get a problem document rather than the SPA page. */
export const apiNotFound: RequestHandler = (req, res) => {
  sendProblem(res, new DemoError('NOT_FOUND', `No route for ${req.method} ${req.path}.`));
};

/** Last handler: body-parser failures and route errors become problem documents; never a stack trace. */
export const errorHandler: ErrorRequestHandler = (err: unknown, _req, res, next) => {
  if (res.headersSent) {
    next(err);
    return;
  }
  if (err instanceof DemoError) {
    sendProblem(res, err);
    return;
  }
  const fromSdk = fromFlangeError(err);
  if (fromSdk !== undefined) {
    sendProblem(res, fromSdk);
    return;
  }
  const type =
    typeof err === 'object' && err !== null && 'type' in err ? (err as { type: unknown }).type : undefined;
  if (type === 'entity.parse.failed') {
    sendProblem(res, new DemoError('INVALID_REQUEST', 'The request body is not valid JSON.'));
    return;
  }
  if (type === 'entity.too.large') {
    sendProblem(res, new DemoError('PAYLOAD_TOO_LARGE', 'The request body is too large.'));
    return;
  }
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    sendProblem(res, new DemoError('UNSUPPORTED_MEDIA_TYPE', 'The request body encoding is not supported.'));
    return;
  }
  console.error('demo: unexpected error', err instanceof Error ? err.message : 'unknown');
  sendProblem(res, new DemoError('INTERNAL_ERROR', 'Something went wrong on our side.'));
};

/** The SDK's typed errors as the demo's own problem codes (Flange's code travels as `flange_code`). */
export function fromFlangeError(err: unknown): DemoError | undefined {
  if (err instanceof FlangeError) {
    return new DemoError('FLANGE_ERROR', `Flange refused the call: ${err.message}`, {
      flangeCode: err.code,
      ...(err.displayMessage === null ? {} : { displayMessage: err.displayMessage }),
    });
  }
  if (err instanceof FlangeConnectionError) {
    return new DemoError('FLANGE_UNREACHABLE', `Flange did not answer: ${err.message}.`);
  }
  if (err instanceof FlangeProtocolError) {
    return new DemoError('FLANGE_ERROR', `Flange answered with an unexpected body: ${err.message}`);
  }
  return undefined;
}
