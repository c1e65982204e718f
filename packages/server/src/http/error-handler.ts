import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ApiError, sendProblem } from './problem';

interface HttpishError {
  type?: unknown;
  status?: unknown;
  statusCode?: unknown;
  code?: unknown;
}

/** Postgres/pg signals that the database is unreachable, not that the request was wrong. */
const DB_DOWN = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
]);

/** Fallback for a path no route knows. */
export const notFound: RequestHandler = (req) => {
  throw new ApiError('NOT_FOUND', { detail: `No route for ${req.method} ${req.path}.` });
};

/** Every error becomes a problem document; nothing unknown leaks (no stack, no SQL, no upstream body). */
export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  const log = res.locals.log;
  if (err instanceof ApiError) {
    log?.info({ code: err.code }, 'request refused');
    sendProblem(res, err.code, err.options);
    return;
  }
  const e = (typeof err === 'object' && err !== null ? err : {}) as HttpishError;
  switch (e.type) {
    case 'entity.parse.failed':
      sendProblem(res, 'INVALID_REQUEST', { detail: 'The request body is not valid JSON.' });
      return;
    case 'entity.too.large':
      sendProblem(res, 'PAYLOAD_TOO_LARGE', { detail: 'The request body is larger than the 100 KB limit.' });
      return;
    case 'encoding.unsupported':
    case 'charset.unsupported':
      sendProblem(res, 'UNSUPPORTED_MEDIA_TYPE', { detail: 'Send the body as UTF-8 JSON.' });
      return;
    case 'request.aborted':
      res.destroy();
      return;
    case 'request.size.invalid':
    case 'stream.encoding.set':
      sendProblem(res, 'INVALID_REQUEST', { detail: 'The request body could not be read.' });
      return;
  }
  const status =
    typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : 500;
  if ((status >= 400 && status < 500) || err instanceof URIError) {
    // Express's own 4xx errors, such as a path parameter that does not decode.
    sendProblem(res, 'INVALID_REQUEST', { detail: 'The request could not be understood.' });
    return;
  }
  if (typeof e.code === 'string' && DB_DOWN.has(e.code)) {
    log?.error({ err }, 'database unavailable');
    sendProblem(res, 'SERVICE_UNAVAILABLE', {
      detail: 'Storage is unavailable; retry shortly.',
      retry_after: 5,
    });
    return;
  }
  log?.error({ err, method: req.method, path: req.path }, 'unhandled error');
  sendProblem(res, 'INTERNAL_ERROR', {
    detail: 'Something went wrong on our side. Quote the request_id if you contact support.',
  });
};
