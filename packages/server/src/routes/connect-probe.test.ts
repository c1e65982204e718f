import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProbeResult } from '@flange/protocol';
import { call, expectProblem, newSession, startTestServer } from '../testing/harness';
import type { TestServer } from '../testing/harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({
    config: {
      lockout: { maxIdentityFailures: 3, maxSessionAttempts: 5, maxSessionProbes: 4, windowSeconds: 900 },
    },
  });
});
afterAll(() => t.close());

describe('POST /v1/connect/probe', () => {
  it('normalizes the pasted address and reports what answers there', async () => {
    const s = await newSession(t);
    const r = await call(t.url, 'POST', '/v1/connect/probe', {
      token: s.token,
      body: { system_id: 'fake-cmms', url: '  https://cmms.example.com/maximo/oslc/os/mxasset?lean=1#top ' },
    });
    expect({ status: r.status, body: r.text }).toMatchObject({ status: 200 });
    expect(ProbeResult.parse(r.json).product).toBe('match');
    // keep_path: the context path stays, query and fragment go.
    expect(t.fake.probes.at(-1)).toEqual({
      systemId: 'fake-cmms',
      url: 'https://cmms.example.com/maximo/oslc/os/mxasset',
    });
  });

  it('refuses a non-http scheme, user info and garbage before any outbound call', async () => {
    const s = await newSession(t);
    const before = t.fake.probes.length;
    for (const url of [
      'ftp://cmms.example.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://admin:pw@cmms.example.com',
      'http://',
      'https://a b.example',
    ]) {
      const p = expectProblem(
        await call(t.url, 'POST', '/v1/connect/probe', {
          token: s.token,
          body: { system_id: 'fake-cmms', url },
        }),
        'INVALID_REQUEST',
        400,
      );
      expect(p.param).toBe('url');
      expect(p.display_message).toBeTruthy();
    }
    expect(t.fake.probes.length).toBe(before);
  });

  it('refuses systems outside the session, without a connector, or unknown', async () => {
    const s = await newSession(t, { systems: ['fake-erp', 'fake-requested'] });
    const body = (system_id: string) => ({
      token: s.token,
      body: { system_id, url: 'https://x.example.com' },
    });
    const probes = t.fake.probes.length;
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/probe', body('fake-cmms')),
      'SYSTEM_NOT_ALLOWED',
      403,
    );
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/probe', body('fake-requested')),
      'SYSTEM_NOT_AVAILABLE',
      422,
    );
    const open = await newSession(t);
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/probe', {
        token: open.token,
        body: { system_id: 'nope', url: 'https://x.example.com' },
      }),
      'INVALID_REQUEST',
    );
    expectProblem(
      await call(t.url, 'POST', '/v1/connect/probe', {
        token: open.token,
        body: { system_id: 'fake-cmms', url: 'https://x.example.com', port: 22 },
      }),
      'INVALID_REQUEST',
    );
    expect(t.fake.probes.length).toBe(probes);
  });

  it('caps probes per session (each is an outbound call)', async () => {
    const s = await newSession(t);
    const probe = () =>
      call(t.url, 'POST', '/v1/connect/probe', {
        token: s.token,
        body: { system_id: 'fake-cmms', url: 'https://x.example.com' },
      });
    for (let i = 0; i < 4; i++) expect((await probe()).status).toBe(200);
    const p = expectProblem(await probe(), 'TOO_MANY_ATTEMPTS', 429);
    expect(p.retry_after).toBeGreaterThan(0);
  });
});
