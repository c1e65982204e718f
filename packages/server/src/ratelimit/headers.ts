import type { RateLimitDecision, RateLimitPolicy } from './store';

/** `RateLimit-Policy: "conn";q=100;w=60` (draft-ietf-httpapi-ratelimit-headers). */
export function policyHeader(policy: RateLimitPolicy): string {
  return `"${policy.name}";q=${policy.limit};w=${policy.windowSeconds}`;
}

/** `RateLimit: "conn";r=42;t=17`: requests remaining and seconds until the window resets. */
export function stateHeader(policy: RateLimitPolicy, decision: RateLimitDecision): string {
  return `"${policy.name}";r=${decision.remaining};t=${decision.resetSeconds}`;
}

/** Whole seconds a refused client waits: never earlier than the reset, never 0, never past the window. */
export function retryAfterSeconds(policy: RateLimitPolicy, decision: RateLimitDecision): number {
  return Math.min(policy.windowSeconds, Math.max(1, decision.resetSeconds));
}
