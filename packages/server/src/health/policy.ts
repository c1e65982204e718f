import type { ErrorCode } from '@flange/protocol';

/** What a failed check means for the connection. */
export type FailureClass = 'reauthorization' | 'unreachable' | 'inconclusive';

/**
 * The system could not be reached or is not serving: nothing the end user can fix by reconnecting, so the
 * connection is degraded behind the breaker and comes back by itself.
 */
const UNREACHABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'INSTANCE_UNREACHABLE',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_ERROR',
  'UPSTREAM_RATE_LIMITED',
  'IP_BLOCKED',
  'SERVICE_UNAVAILABLE',
]);

/** Says nothing about the connection (our own guard or fault): no transition, try again later. */
const INCONCLUSIVE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'TOO_MANY_ATTEMPTS',
  'RATE_LIMIT_EXCEEDED',
  'INTERNAL_ERROR',
  'CLOCK_SKEW',
]);

/**
 * Every other code means the credentials, their permissions or the instance's identity changed (invalid or
 * expired key, locked account, certificate or product changed): only the end user can fix it, by reconnecting.
 */
export function classifyFailure(code: ErrorCode): FailureClass {
  if (UNREACHABLE.has(code)) return 'unreachable';
  if (INCONCLUSIVE.has(code)) return 'inconclusive';
  return 'reauthorization';
}

export interface HealthPolicy {
  /** Between scheduled checks of a healthy connection (default 6 h). */
  intervalMs: number;
  /** ± share of the interval, so connections made together are not all checked together. */
  jitter: number;
  /** Unreachable results in a row that open the breaker and degrade the connection. */
  failureThreshold: number;
  /** Re-check after a first unreachable result, to tell a blip from an outage. */
  confirmAfterMs: number;
  /** First cool-down of an open breaker; it doubles with each failed half-open probe… */
  openBaseMs: number;
  /** …up to this. */
  openMaxMs: number;
  /** Retry after an inconclusive check. */
  inconclusiveRetryMs: number;
  /** How long a claimed check is hidden from other instances. */
  leaseMs: number;
}

export const DEFAULT_HEALTH_POLICY: HealthPolicy = {
  intervalMs: 6 * 3_600_000,
  jitter: 0.1,
  failureThreshold: 2,
  confirmAfterMs: 60_000,
  openBaseMs: 5 * 60_000,
  openMaxMs: 3_600_000,
  inconclusiveRetryMs: 30 * 60_000,
  leaseMs: 5 * 60_000,
};

/** `ms` with ± `share` jitter; `random` returns [0, 1). */
export function jittered(ms: number, share: number, random: () => number): number {
  return Math.round(ms * (1 - share + 2 * share * random()));
}

/** Cool-down of an open breaker after `failures` unreachable results in a row (≥ the threshold). */
export function openDelay(policy: HealthPolicy, failures: number): number {
  const doublings = Math.max(0, failures - policy.failureThreshold);
  return Math.min(policy.openBaseMs * 2 ** Math.min(doublings, 20), policy.openMaxMs);
}
