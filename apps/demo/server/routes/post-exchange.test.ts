import { afterEach, describe, expect, it } from 'vitest';
import { deadFlange, postJson, startTestDemo, type TestDemo } from '../testing';

let demo: TestDemo | undefined;
afterEach(async () => {
  await demo?.close();
  demo = undefined;
});

const PATH = '/api/flange/exchange';
const PUBLIC = `flp_${'a1B2'.repeat(10)}`;

describe('POST /api/flange/exchange, bad input', () => {
  it.each([
    ['no body', undefined],
    ['a missing public_token', {}],
    ['a wrong type', { public_token: 42 }],
    ['a connection token instead', { public_token: `flc_test_${'a'.repeat(32)}_abcdef` }],
    ['a session token instead', { public_token: `fls_${'a'.repeat(32)}` }],
    ['an unknown field', { public_token: PUBLIC, connection_id: 'c_1' }],
    ['an oversized token', { public_token: `flp_${'a'.repeat(300)}` }],
  ])('refuses %s without calling Flange or storing anything', async (_name, body) => {
    demo = await startTestDemo({ flange: deadFlange() });
    const res = await demo.call(
      PATH,
      body === undefined ? { method: 'POST', headers: { origin: 'http://localhost:3999' } } : postJson(body),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: 400, code: 'INVALID_REQUEST' });
    const me = await demo.call('/api/connection');
    expect(await me.json()).toEqual({ connection: null, other_connections: 0 });
  });

  it('refuses a request from another site', async () => {
    demo = await startTestDemo({ flange: deadFlange() });
    const res = await demo.call(
      PATH,
      postJson({ public_token: PUBLIC }, 'http://localhost:3999.evil.example'),
    );
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'FORBIDDEN_ORIGIN' });
  });
});
