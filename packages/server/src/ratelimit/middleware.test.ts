import { Problem } from '@flange/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from './store';
import { CONN, parseState, startApp } from './test-app';

describe('rate-limit middleware (in-memory store)', () => {
  let app: Awaited<ReturnType<typeof startApp>>;

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T10:00:00Z'));
    app = await startApp(createMemoryStore());
  });
  afterEach(async () => {
    vi.useRealTimers();
    await app.close();
  });

  it('counts r down exactly, with both headers on every answer, then answers 429 with a problem', async () => {
    const remaining: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await app.get('conn_a');
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-policy')).toBe('"conn";q=5;w=60');
      const state = parseState(res.headers.get('ratelimit'));
      expect(state.name).toBe('conn');
      expect(state.t).toBeGreaterThanOrEqual(1);
      expect(state.t).toBeLessThanOrEqual(60);
      remaining.push(state.r);
    }
    expect(remaining).toEqual([4, 3, 2, 1, 0]);

    const refused = await app.get('conn_a');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.headers.get('ratelimit-policy')).toBe('"conn";q=5;w=60');
    expect(parseState(refused.headers.get('ratelimit')).r).toBe(0);
    const retryAfter = refused.headers.get('retry-after')!;
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    const body = Problem.parse(await refused.json());
    expect(body).toMatchObject({ status: 429, code: 'RATE_LIMIT_EXCEEDED', retry_after: Number(retryAfter) });
    expect(body.request_id).toBe(refused.headers.get('x-request-id'));
    expect(app.limited).toEqual(['conn']);
  });

  it('lets the client back in after Retry-After, not before', async () => {
    for (let i = 0; i < 5; i++) await app.get('conn_a');
    vi.setSystemTime(Date.now() + 20_000);
    const refused = await app.get('conn_a');
    const wait = Number(refused.headers.get('retry-after'));
    expect(wait).toBe(40);
    expect(parseState(refused.headers.get('ratelimit')).t).toBe(40);

    vi.setSystemTime(Date.now() + (wait - 1) * 1000);
    expect((await app.get('conn_a')).status).toBe(429);
    vi.setSystemTime(Date.now() + 1000);
    const again = await app.get('conn_a');
    expect(again.status).toBe(200);
    expect(parseState(again.headers.get('ratelimit'))).toEqual({ name: 'conn', r: 4, t: 60 });
  });

  it('keeps connections apart, and a spoofed X-Forwarded-For changes nothing', async () => {
    for (let i = 0; i < 5; i++) await app.get('conn_a', { 'x-forwarded-for': `203.0.113.${i}` });
    expect((await app.get('conn_a', { 'x-forwarded-for': '198.51.100.7' })).status).toBe(429);
    const other = await app.get('conn_b');
    expect(other.status).toBe(200);
    expect(parseState(other.headers.get('ratelimit')).r).toBe(4);
  });

  it('leaves requests without a subject alone', async () => {
    const res = await app.get(null);
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit')).toBeNull();
  });

  it('starts fresh counters when the configured limit changes', async () => {
    const store = createMemoryStore();
    await store.consume(CONN, 'k');
    expect((await store.consume({ ...CONN, limit: 100 }, 'k')).remaining).toBe(99);
    expect((await store.consume(CONN, 'k')).remaining).toBe(3);
  });
});
