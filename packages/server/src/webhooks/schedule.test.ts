import { describe, expect, it } from 'vitest';
import { nextRetryDelay, parseRetryAfter, RETRY_SCHEDULE_MS } from './schedule';

const S = 1000;
const M = 60 * S;
const H = 60 * M;

describe('retry schedule', () => {
  it('is the Standard Webhooks schedule: now, 5 s, 5 m, 30 m, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h', () => {
    expect(RETRY_SCHEDULE_MS).toEqual([
      0,
      5 * S,
      5 * M,
      30 * M,
      2 * H,
      5 * H,
      10 * H,
      14 * H,
      20 * H,
      24 * H,
    ]);
    const total = RETRY_SCHEDULE_MS.reduce((a, b) => a + b, 0);
    expect(total / H).toBeGreaterThan(75);
  });

  it('adds at most ±10 % jitter and ends after the tenth attempt', () => {
    expect(nextRetryDelay(1, () => 0)).toBe(4500);
    expect(nextRetryDelay(1, () => 0.5)).toBe(5000);
    expect(nextRetryDelay(1, () => 0.999999)).toBe(5500);
    expect(nextRetryDelay(9, () => 0.5)).toBe(24 * H);
    expect(nextRetryDelay(10, () => 0.5)).toBeNull();
  });

  it('reads Retry-After as seconds or an HTTP date, capped at a day', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120 * S);
    expect(parseRetryAfter(new Date(now.getTime() + 30 * S).toUTCString(), now)).toBe(30 * S);
    expect(parseRetryAfter('999999999', now)).toBe(24 * H);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('Thu, 01 Jan 2020 00:00:00 GMT', now)).toBe(0);
  });
});
