import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttemptEvent } from '@flange/protocol';
import { call, expectProblem, newSession, readSse, startTestServer } from '../testing/harness';
import type { TestServer } from '../testing/harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ config: { sseHeartbeatMs: 150 } });
});
afterAll(() => t.close());

const body = (api_key: string) => ({
  system_id: 'fake-cmms',
  auth_method: 'api_key',
  values: { instance_url: 'https://cmms.example.com', api_key },
});

async function start(token: string, key: string): Promise<string> {
  const r = await call(t.url, 'POST', '/v1/connect/attempts', { token, body: body(key) });
  expect({ status: r.status, body: r.text }).toMatchObject({ status: 202 });
  return (r.json as { attempt_id: string }).attempt_id;
}

describe('GET /v1/connect/attempts/:id/events', () => {
  it('streams numbered events and ends after the final one', async () => {
    const s = await newSession(t);
    const id = await start(s.token, 'good');
    const sse = await readSse(t.url, `/v1/connect/attempts/${id}/events`, s.token);
    expect(sse.status).toBe(200);
    expect(sse.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(sse.headers.get('cache-control')).toBe('no-store');
    expect(sse.events.map((e) => e.id)).toEqual(sse.events.map((_, i) => String(i + 1)));
    for (const e of sse.events) AttemptEvent.parse(e.data);
    const final = AttemptEvent.parse(sse.events.at(-1)?.data);
    expect(final.type).toBe('succeeded');
    expect(sse.raw.startsWith('retry: 2000\n\n')).toBe(true);
  });

  it('resumes after Last-Event-ID with exactly the missed events, live and after the end', async () => {
    const s = await newSession(t);
    const id = await start(s.token, 'hold');
    // Read the first two events, then drop the connection while the attempt waits upstream.
    const first = await readSse(t.url, `/v1/connect/attempts/${id}/events`, s.token, { stopAfter: 2 });
    expect(first.events.map((e) => e.id)).toEqual(['1', '2']);
    while (t.fake.heldCount < 1) await new Promise((r) => setTimeout(r, 20));
    const resumed = readSse(t.url, `/v1/connect/attempts/${id}/events`, s.token, { lastEventId: '2' });
    setTimeout(() => t.fake.release(), 200);
    const rest = await resumed;
    expect(rest.events[0]?.id).toBe('3');
    const all = [...first.events, ...rest.events];
    expect(all.map((e) => e.id)).toEqual(all.map((_, i) => String(i + 1)));
    expect(rest.events.at(-1)?.data).toMatchObject({ type: 'succeeded' });
    // Resuming after the final event: nothing more, and the stream ends at once.
    const lastId = rest.events.at(-1)?.id ?? '';
    const after = await readSse(t.url, `/v1/connect/attempts/${id}/events`, s.token, { lastEventId: lastId });
    expect(after.events).toEqual([]);
    // From the middle of a finished attempt: the tail, the final event with its public token included.
    const tail = await readSse(t.url, `/v1/connect/attempts/${id}/events`, s.token, {
      lastEventId: String(Number(lastId) - 1),
    });
    expect(tail.events).toHaveLength(1);
    expect(tail.events[0]?.data).toMatchObject({
      type: 'succeeded',
      public_token: expect.stringMatching(/^flp_/),
    });
  });

  it('sends heartbeat comments while the attempt waits', async () => {
    const s = await newSession(t);
    const id = await start(s.token, 'hold');
    setTimeout(() => t.fake.release(), 700);
    const sse = await readSse(t.url, `/v1/connect/attempts/${id}/events`, s.token);
    expect(sse.raw).toMatch(/: keep-alive\n\n/);
    expect(sse.events.at(-1)?.data).toMatchObject({ type: 'succeeded' });
  });

  it('fails an attempt abandoned by a crashed instance once its deadline passes', async () => {
    const s = await newSession(t);
    const { rows } = await t.db.query<{ id: string }>(
      `INSERT INTO attempts (id, session_id, environment_id, system_id, auth_method, status, created_at)
       VALUES ('att_orphan0000000000000000001', $1, $2, 'fake-cmms', 'api_key', 'running', $3) RETURNING id`,
      [s.id, t.testEnvironmentId, new Date(t.clock.now().getTime() - 5 * 60 * 1000)],
    );
    const sse = await readSse(t.url, `/v1/connect/attempts/${rows[0]?.id}/events`, s.token);
    expect(sse.events.map((e) => e.data)).toEqual([
      { type: 'failed', error: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', retryable: true }) },
    ]);
  });

  it('refuses another session’s attempt, a bad Last-Event-ID and missing auth with problems', async () => {
    const s = await newSession(t);
    const id = await start(s.token, 'bad');
    const other = await newSession(t);
    const r = await call(t.url, 'GET', `/v1/connect/attempts/${id}/events`, { token: other.token });
    expectProblem(r, 'NOT_FOUND', 404);
    expectProblem(
      await call(t.url, 'GET', `/v1/connect/attempts/${id}/events`, {
        token: s.token,
        headers: { 'last-event-id': 'abc' },
      }),
      'INVALID_REQUEST',
    );
    expectProblem(await call(t.url, 'GET', `/v1/connect/attempts/${id}/events`), 'UNAUTHORIZED', 401);
    expectProblem(
      await call(t.url, 'GET', `/v1/connect/attempts/${id}/events?token=${s.token}`),
      'TOKEN_IN_QUERY',
    );
    // The owner still reads it whole.
    const own = await readSse(t.url, `/v1/connect/attempts/${id}/events`, s.token);
    expect(own.events.at(-1)?.data).toMatchObject({ type: 'failed', error: { code: 'INVALID_CREDENTIALS' } });
  });
});
