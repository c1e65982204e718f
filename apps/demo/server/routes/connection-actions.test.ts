import { afterEach, describe, expect, it } from 'vitest';
import { deadFlange, startTestDemo, type TestDemo } from '../testing';

let demo: TestDemo | undefined;
afterEach(async () => {
  await demo?.close();
  demo = undefined;
});

const ACTIONS = [
  ['POST', '/api/connection/verify'],
  ['POST', '/api/connection/rotate-token'],
  ['DELETE', '/api/connection'],
] as const;

// The success paths run against a real Flange server in flow.test.ts.
describe('connection actions, bad input', () => {
  it.each(ACTIONS)(
    '%s %s answers 404 before the workspace has a connection, without calling Flange',
    async (method, path) => {
      demo = await startTestDemo({ flange: deadFlange() });
      const res = await demo.call(path, { method, headers: { origin: 'http://localhost:3999' } });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    },
  );

  it.each(ACTIONS)('%s %s refuses a request from another site (CSRF)', async (method, path) => {
    demo = await startTestDemo({ flange: deadFlange() });
    await demo.call('/api/me');
    await demo.store.save(demo.workspaceId() ?? '', {
      connection_id: 'conn_1',
      access_token: `flc_test_${'A'.repeat(32)}_AAAAAA`,
      system_name: 'IBM Maximo',
      connected_at: new Date().toISOString(),
    });
    const res = await demo.call(path, { method, headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'FORBIDDEN_ORIGIN' });
  });

  it.each(ACTIONS)(
    '%s %s says Flange is unreachable rather than pretending it worked',
    async (method, path) => {
      demo = await startTestDemo({ flange: deadFlange() });
      await demo.call('/api/me');
      await demo.store.save(demo.workspaceId() ?? '', {
        connection_id: 'conn_1',
        access_token: `flc_test_${'A'.repeat(32)}_AAAAAA`,
        system_name: 'IBM Maximo',
        connected_at: new Date().toISOString(),
      });
      const res = await demo.call(path, { method, headers: { origin: 'http://localhost:3999' } });
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ code: 'FLANGE_UNREACHABLE' });
    },
  );
});
