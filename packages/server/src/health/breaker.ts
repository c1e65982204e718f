import type { ConnectionStatus } from '@flange/protocol';
import { jittered, openDelay, type FailureClass, type HealthPolicy } from './policy';

export type Breaker = 'closed' | 'open' | 'half_open';
export type CheckOutcome = 'ok' | FailureClass;

/** The per-connection breaker state a check starts from. */
export interface BreakerState {
  breaker: Breaker;
  consecutiveFailures: number;
  openedAt: Date | null;
}

/** What a check decides: the connection's status, the breaker after it, and when to check next. */
export interface CheckDecision extends BreakerState {
  status: ConnectionStatus;
  /** null: no scheduled check until a reconnect. */
  nextCheckAt: Date | null;
}

/**
 * The circuit breaker and schedule, as a pure function of the current state and one outcome:
 * ok closes it and schedules the next regular check; an authentication failure stops checks (never retry
 * rejected credentials); unreachable results open it after the threshold with a doubling cool-down;
 * an inconclusive check changes nothing but the time of the next one.
 */
export function decideCheck(
  status: ConnectionStatus,
  state: BreakerState,
  outcome: CheckOutcome,
  now: Date,
  policy: HealthPolicy,
  random: () => number,
): CheckDecision {
  const at = (ms: number) => new Date(now.getTime() + ms);
  // A half-open probe that did not succeed leaves the breaker open.
  const breaker: Breaker = state.breaker === 'half_open' ? 'open' : state.breaker;
  switch (outcome) {
    case 'ok':
      return {
        status: 'active',
        breaker: 'closed',
        consecutiveFailures: 0,
        openedAt: null,
        nextCheckAt: at(jittered(policy.intervalMs, policy.jitter, random)),
      };
    case 'reauthorization':
      return {
        status: 'reauthorization_required',
        breaker: 'closed',
        consecutiveFailures: 0,
        openedAt: null,
        nextCheckAt: null,
      };
    case 'unreachable': {
      const failures = state.consecutiveFailures + 1;
      if (failures < policy.failureThreshold) {
        // One failure may be a blip: confirm soon before telling anyone.
        return {
          status,
          breaker,
          consecutiveFailures: failures,
          openedAt: state.openedAt,
          nextCheckAt: at(policy.confirmAfterMs),
        };
      }
      return {
        status: 'degraded',
        breaker: 'open',
        consecutiveFailures: failures,
        openedAt: state.openedAt ?? now,
        nextCheckAt: at(jittered(openDelay(policy, failures), policy.jitter, random)),
      };
    }
    case 'inconclusive':
      return {
        status,
        breaker,
        consecutiveFailures: state.consecutiveFailures,
        openedAt: state.openedAt,
        nextCheckAt: at(policy.inconclusiveRetryMs),
      };
  }
}
