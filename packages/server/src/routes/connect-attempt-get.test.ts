import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttemptState } from '@flange/protocol';
import { call, expectProblem, newSession, runAttempt, startTestServer } from '../testing/harness';
import type { TestServer } from '../testing/harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('GET /v1/connect/attempts/:id', () => {
  it('returns the whole attempt for a reload: events, status and only the non-secret values', async () => {
    const s = await newSession(t);
    const { attemptId, events } = await runAttempt(t, s.token, {
      system_id: 'fake-cmms',
      auth_method: 'password',
      values: { instance_url: 'https://cmms.example.com', username: 'maxadmin', password: 'good-canary3311' },
    });
    const r = await call(t.url, 'GET', `/v1/connect/attempts/${attemptId}`, { token: s.token });
    expect({ status: r.status, body: r.text }).toMatchObject({ status: 200 });
    const state = AttemptState.parse(r.json);
    expect(state).toMatchObject({
      id: attemptId,
      system_id: 'fake-cmms',
      auth_method: 'password',
      status: 'succeeded',
    });
    expect(state.values).toEqual({ instance_url: 'https://cmms.example.com', username: 'maxadmin' });
    expect(state.events).toEqual(events.map((e) => e.data));
    expect(r.text).not.toContain('canary3311');
  });

  it('shows a running attempt as running', async () => {
    const s = await newSession(t);
    const r = await call(t.url, 'POST', '/v1/connect/attempts', {
      token: s.token,
      body: {
        system_id: 'fake-cmms',
        auth_method: 'api_key',
        values: { instance_url: 'https://cmms.example.com', api_key: 'hold' },
      },
    });
    const id = (r.json as { attempt_id: string }).attempt_id;
    while (t.fake.heldCount < 1) await new Promise((res) => setTimeout(res, 20));
    const state = AttemptState.parse(
      (await call(t.url, 'GET', `/v1/connect/attempts/${id}`, { token: s.token })).json,
    );
    expect(state.status).toBe('running');
    expect(state.events.map((e) => e.type)).toEqual(['step', 'step']);
    t.fake.release();
    await t.server.ctx.runner.drain();
    const done = AttemptState.parse(
      (await call(t.url, 'GET', `/v1/connect/attempts/${id}`, { token: s.token })).json,
    );
    expect(done.status).toBe('succeeded');
  });

  it('is 404 for another session’s attempt and for unknown ids', async () => {
    const s = await newSession(t);
    const { attemptId } = await runAttempt(t, s.token, {
      system_id: 'fake-cmms',
      auth_method: 'api_key',
      values: { instance_url: 'https://cmms.example.com', api_key: 'bad' },
    });
    const other = await newSession(t);
    expectProblem(
      await call(t.url, 'GET', `/v1/connect/attempts/${attemptId}`, { token: other.token }),
      'NOT_FOUND',
      404,
    );
    expectProblem(
      await call(t.url, 'GET', '/v1/connect/attempts/att_nope', { token: s.token }),
      'NOT_FOUND',
      404,
    );
    expect((await call(t.url, 'GET', `/v1/connect/attempts/${attemptId}`, { token: s.token })).status).toBe(
      200,
    );
  });
});
