import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemDetail } from '@flange/protocol';
import type { SandboxHints } from '@flange/protocol';
import { call, expectProblem, newSession, startTestServer } from '../testing/harness';
import type { TestServer } from '../testing/harness';

const hints: SandboxHints = {
  note: 'Points at the local simulator.',
  instance_url: 'http://127.0.0.1:4101',
  credentials: { api_key: { instance_url: 'http://127.0.0.1:4101', api_key: 'good' } },
};

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ sandbox: { 'fake-cmms': hints } });
});
afterAll(() => t.close());

describe('GET /v1/connect/systems/:id', () => {
  it('returns fields, guides, entities and steps, with sandbox hints in the test environment', async () => {
    const s = await newSession(t);
    const r = await call(t.url, 'GET', '/v1/connect/systems/fake-cmms', { token: s.token });
    expect({ status: r.status, body: r.text }).toMatchObject({ status: 200 });
    const d = SystemDetail.parse(r.json);
    expect(d.auth_methods.map((m) => m.id)).toEqual(['api_key', 'password']);
    expect(d.auth_methods[0]?.fields.map((f) => f.key)).toEqual(['instance_url', 'api_key']);
    expect(d.steps).toContain('store');
    expect(d.sandbox).toEqual(hints);
  });

  it('never shows sandbox hints to a live session', async () => {
    const s = await newSession(t, {}, t.liveKey);
    const d = SystemDetail.parse(
      (await call(t.url, 'GET', '/v1/connect/systems/fake-cmms', { token: s.token })).json,
    );
    expect(d.sandbox).toBeUndefined();
  });

  it('is SYSTEM_NOT_ALLOWED outside the session’s list and NOT_FOUND for unknown ids', async () => {
    const s = await newSession(t, { systems: ['fake-erp'] });
    expectProblem(
      await call(t.url, 'GET', '/v1/connect/systems/fake-cmms', { token: s.token }),
      'SYSTEM_NOT_ALLOWED',
      403,
    );
    expectProblem(await call(t.url, 'GET', '/v1/connect/systems/nope', { token: s.token }), 'NOT_FOUND', 404);
    expectProblem(await call(t.url, 'GET', '/v1/connect/systems/fake-erp'), 'UNAUTHORIZED', 401);
    expect((await call(t.url, 'GET', '/v1/connect/systems/fake-erp', { token: s.token })).status).toBe(200);
  });
});
