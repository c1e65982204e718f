import type { RateLimitDecision, RateLimitPolicy } from './store';

interface Window {
  count: number;
  /** Epoch ms at which this window ends and the next request opens a fresh one. */
  endsAt: number;
}

/**
 * Fixed-window counters in this process, with rate-limiter-flexible's memory semantics (a window opens at
 * the first request and lasts `windowSeconds`; refused requests still count), answered synchronously: no
 * promise and no timer per key on the hot path. Ended windows are swept at most once a minute.
 */
export class MemoryCounters {
  /** One map per policy: a changed limit is a new policy with fresh counters. */
  readonly #policies = new Map<string, Map<string, Window>>();
  #nextSweep = 0;
  /** The last policy asked and its counters: callers that keep their (unchanged) policies skip the lookup. */
  #lastPolicy: RateLimitPolicy | undefined;
  #lastWindows: Map<string, Window> | undefined;

  consume(policy: RateLimitPolicy, key: string): RateLimitDecision {
    const now = Date.now();
    if (now >= this.#nextSweep) this.#sweep(now);
    const windows = this.#windowsOf(policy);
    let w = windows.get(key);
    if (w === undefined || w.endsAt <= now) {
      w = { count: 0, endsAt: now + policy.windowSeconds * 1000 };
      windows.set(key, w);
    }
    w.count += 1;
    const allowed = w.count <= policy.limit;
    return {
      allowed,
      remaining: allowed ? policy.limit - w.count : 0,
      resetSeconds: Math.max(0, Math.min(policy.windowSeconds, Math.ceil((w.endsAt - now) / 1000))),
    };
  }

  #windowsOf(policy: RateLimitPolicy): Map<string, Window> {
    if (policy === this.#lastPolicy && this.#lastWindows !== undefined) return this.#lastWindows;
    const id = `${policy.name}:${policy.limit}:${policy.windowSeconds}`;
    let windows = this.#policies.get(id);
    if (windows === undefined) {
      windows = new Map();
      this.#policies.set(id, windows);
    }
    this.#lastPolicy = policy;
    this.#lastWindows = windows;
    return windows;
  }

  #sweep(now: number): void {
    this.#nextSweep = now + 60_000;
    this.#lastPolicy = undefined;
    this.#lastWindows = undefined;
    for (const [id, windows] of this.#policies) {
      for (const [key, w] of windows) if (w.endsAt <= now) windows.delete(key);
      if (windows.size === 0) this.#policies.delete(id);
    }
  }
}
