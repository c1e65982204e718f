/**
 * The Standard Webhooks retry schedule: the first attempt at once, then these waits after each failure
 * (about 75 hours in all). Index k is the wait before attempt k+1.
 */
export const RETRY_SCHEDULE_MS: readonly number[] = [
  0,
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  14 * 3_600_000,
  20 * 3_600_000,
  24 * 3_600_000,
];

/** Share of a wait that is randomised (±), so a receiver that comes back is not hit by every retry at once. */
export const JITTER = 0.1;

/** Longest `Retry-After` we honour: past it the regular schedule decides. */
export const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

/**
 * How long to wait after failed attempt number `attempts` (1-based), or null when the schedule is spent.
 * `random` returns [0, 1) and is injected so tests can pin the jitter.
 */
export function nextRetryDelay(
  attempts: number,
  random: () => number = Math.random,
  schedule: readonly number[] = RETRY_SCHEDULE_MS,
): number | null {
  const base = schedule[attempts];
  if (base === undefined) return null;
  const spread = base * JITTER;
  return Math.round(base - spread + random() * 2 * spread);
}

/** `Retry-After` in milliseconds (delta-seconds or an HTTP date), or null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(at - now.getTime(), 0), MAX_RETRY_AFTER_MS);
}
