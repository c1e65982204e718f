import express from 'express';
import type { Request, RequestHandler } from 'express';
import { ApiError } from './problem';

const JSON_TYPES = ['application/json', 'application/*+json'];

/** Whether a request certainly carries no body: GET, HEAD and OPTIONS never do here, others say so by headers. */
export function hasNoBody(req: Request): boolean {
  const m = req.method;
  if (m === 'GET' || m === 'HEAD' || m === 'OPTIONS') return true;
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] === undefined && (length === undefined || length === '0');
}

/**
 * JSON bodies only, at most `limitBytes`: another content type is 415, a bad document 400, a big one
 * 413 (body-parser errors are mapped by the error handler). A request without a body passes through
 * with `req.body` undefined, and the route's schema says what was missing.
 */
export function jsonBody(limitBytes: number): RequestHandler {
  const parse = express.json({ limit: limitBytes, strict: true, type: JSON_TYPES });
  return (req, res, next) => {
    if (hasNoBody(req)) return next();
    if (!req.is(JSON_TYPES)) {
      throw new ApiError('UNSUPPORTED_MEDIA_TYPE', {
        detail: 'Send the body as JSON with "Content-Type: application/json".',
      });
    }
    parse(req, res, next);
  };
}
