import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemRequestView } from '@flange/protocol';
import type { WebhookEventInput } from '@flange/protocol';
import { call, countRows, expectProblem, newSession, startTestServer } from '../testing/harness';
import type { TestServer } from '../testing/harness';

let t: TestServer;
const emitted: WebhookEventInput[] = [];
beforeAll(async () => {
  t = await startTestServer({ outbox: { enqueue: async (_tx, _env, e) => void emitted.push(e) } });
});
afterAll(() => t.close());

describe('POST /v1/connect/system-requests', () => {
  it('records the request with the end user and environment, and emits system.requested', async () => {
    const s = await newSession(t, { end_user: { id: 'u-7', name: 'Lee', organization: 'Foundry 3' } });
    const r = await call(t.url, 'POST', '/v1/connect/system-requests', {
      token: s.token,
      body: { system_id: 'fake-requested', name: ' Requested Système ', note: 'We run v12 on prem.' },
    });
    expect({ status: r.status, body: r.text }).toMatchObject({ status: 201 });
    const v = SystemRequestView.parse(r.json);
    expect(v).toMatchObject({
      object: 'system_request',
      system_id: 'fake-requested',
      name: 'Requested Système',
      note: 'We run v12 on prem.',
      end_user: { id: 'u-7', name: 'Lee', organization: 'Foundry 3' },
      environment: 'test',
    });
    expect(emitted.at(-1)).toEqual({ type: 'system.requested', data: { system_request: v } });
    const unlisted = await call(t.url, 'POST', '/v1/connect/system-requests', {
      token: s.token,
      body: { name: 'Homegrown MES' },
    });
    expect(unlisted.status).toBe(201);
    expect(SystemRequestView.parse(unlisted.json).system_id).toBeNull();
  });

  it('refuses bad bodies and unknown system ids, writing nothing', async () => {
    const s = await newSession(t);
    const before = await countRows(t.db, 'system_requests');
    for (const body of [
      {},
      { name: '' },
      { name: 'x'.repeat(201) },
      { name: 'A', vote: 1 },
      { name: 'A', system_id: 'nope' },
      { name: 5 },
    ]) {
      expectProblem(
        await call(t.url, 'POST', '/v1/connect/system-requests', { token: s.token, body }),
        'INVALID_REQUEST',
        400,
      );
    }
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/system-requests', { token: t.testKey, body: { name: 'A' } }),
      'WRONG_TOKEN_KIND',
    );
    expect(await countRows(t.db, 'system_requests')).toBe(before);
  });

  it('rolls the request back when the event cannot be written', async () => {
    const failing = await startTestServer({
      db: t.db,
      outbox: {
        enqueue: async () => {
          throw new Error('outbox down');
        },
      },
    });
    try {
      const s = await newSession(failing);
      const before = await countRows(t.db, 'system_requests');
      expectProblem(
        await call(failing.url, 'POST', '/v1/connect/system-requests', {
          token: s.token,
          body: { name: 'A' },
        }),
        'INTERNAL_ERROR',
        500,
      );
      expect(await countRows(t.db, 'system_requests')).toBe(before);
    } finally {
      await failing.close();
    }
  });
});
