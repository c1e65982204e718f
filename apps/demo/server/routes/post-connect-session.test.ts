import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFlangeClient } from '../flange-client';
import { secretKeySource } from '../secret-key';
import { deadFlange, postJson, startTestDemo, type TestDemo } from '../testing';

let demo: TestDemo | undefined;
afterEach(async () => {
  await demo?.close();
  demo = undefined;
});

const PATH = '/api/flange/connect-session';

describe('POST /api/flange/connect-session, bad input', () => {
  it.each([
    ['malformed JSON', '{"mode":', 400, 'INVALID_REQUEST'],
    ['an unknown field', JSON.stringify({ mode: 'inline', secret_key: 'x' }), 400, 'INVALID_REQUEST'],
    ['a wrong type', JSON.stringify({ mode: 5 }), 400, 'INVALID_REQUEST'],
    ['an unknown mode', JSON.stringify({ mode: 'popup' }), 400, 'INVALID_REQUEST'],
    ['an array body', JSON.stringify([]), 400, 'INVALID_REQUEST'],
    ['an oversized body', JSON.stringify({ mode: 'x'.repeat(20_000) }), 413, 'PAYLOAD_TOO_LARGE'],
  ])('refuses %s without calling Flange', async (_name, body, status, code) => {
    demo = await startTestDemo({ flange: deadFlange() });
    const res = await demo.call(PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status, code });
  });

  it('refuses a body that is not JSON', async () => {
    demo = await startTestDemo({ flange: deadFlange() });
    const res = await demo.call(PATH, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'mode=inline',
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('refuses a request from another site (CSRF)', async () => {
    demo = await startTestDemo({ flange: deadFlange() });
    const res = await demo.call(PATH, postJson({ mode: 'inline' }, 'https://evil.example'));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'FORBIDDEN_ORIGIN' });
  });

  it('says the secret key is missing when neither env nor the data folder has one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'demo-key-'));
    try {
      const flange = createFlangeClient({
        baseUrl: 'http://127.0.0.1:9',
        secretKey: secretKeySource({ file: join(dir, 'demo-secret-key') }),
      });
      demo = await startTestDemo({ flange });
      const res = await demo.call(PATH, postJson({ mode: 'modal' }));
      expect(res.status).toBe(503);
      const body = (await res.json()) as { code: string; detail: string };
      expect(body.code).toBe('NOT_CONFIGURED');
      expect(body.detail).toContain('FLANGE_SECRET_KEY');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says Flange is unreachable when nothing listens there, without echoing the key', async () => {
    const key = `flk_test_${'A'.repeat(40)}`;
    const flange = createFlangeClient({
      baseUrl: 'http://127.0.0.1:9',
      secretKey: secretKeySource({ value: key, file: '/nonexistent' }),
      timeoutMs: 2000,
    });
    demo = await startTestDemo({ flange });
    const res = await demo.call(PATH, postJson({}));
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ code: 'FLANGE_UNREACHABLE' });
    expect(text).not.toContain(key);
  });
});
