import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ApiError, sendProblem } from '../http/problem';
import { policyHeader, retryAfterSeconds, stateHeader } from './headers';
import type { RateLimitDecision, RateLimitPolicy, RateLimitStore } from './store';

/** Who a request counts against: a policy and the key it is counted under (a connection id, a key id). */
export interface RateLimitSubject {
  policy: RateLimitPolicy;
  key: string;
}

/**
 * Count one request against its subject and put the IETF `RateLimit-Policy` and `RateLimit` headers on the
 * answer, whatever it turns out to be. Throws ApiError RATE_LIMIT_EXCEEDED (429, integer Retry-After between
 * 1 and the window) when the subject is over its limit; synchronously when the store can count without I/O.
 */
export function enforceRateLimit(
  store: RateLimitStore,
  subject: RateLimitSubject,
  res: Response,
  onLimited?: (policy: RateLimitPolicy) => void,
): Promise<void> | void {
  const { policy, key } = subject;
  // The memory store answers at once: no promise on the hot path.
  if (store.consumeNow) return applyDecision(policy, store.consumeNow(policy, key), res, onLimited);
  return store.consume(policy, key).then((decision) => applyDecision(policy, decision, res, onLimited));
}

/** The headers of a decision, and the 429 when it refuses. */
function applyDecision(
  policy: RateLimitPolicy,
  decision: RateLimitDecision,
  res: Response,
  onLimited: ((policy: RateLimitPolicy) => void) | undefined,
): void {
  res.setHeader('RateLimit-Policy', policyHeader(policy));
  res.setHeader('RateLimit', stateHeader(policy, decision));
  if (decision.allowed) return;
  const retryAfter = retryAfterSeconds(policy, decision);
  onLimited?.(policy);
  throw new ApiError('RATE_LIMIT_EXCEEDED', {
    detail: `At most ${policy.limit} requests per ${policy.windowSeconds} s are allowed under the "${policy.name}" policy; retry after ${retryAfter} s.`,
    retry_after: retryAfter,
  });
}

export interface RateLimitOptions {
  store: RateLimitStore;
  /** The subject of a request, or null to leave it unlimited (e.g. not authenticated yet). */
  subject(req: Request, res: Response): RateLimitSubject | null | Promise<RateLimitSubject | null>;
  /** Called on every refusal, for metrics. */
  onLimited?: (policy: RateLimitPolicy) => void;
}

/** Express middleware form of enforceRateLimit: a refusal is answered as a problem document right here. */
export function rateLimit(options: RateLimitOptions): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const subject = await options.subject(req, res);
      if (subject) await enforceRateLimit(options.store, subject, res, options.onLimited);
    } catch (error) {
      if (error instanceof ApiError) {
        sendProblem(res, error.code, error.options);
        return;
      }
      next(error);
      return;
    }
    next();
  };
}
