import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlangeHttpClient } from './flange-api';
import { secretKeySource } from './secret-key';
import { postJson, startTestDemo, type TestDemo } from './testing';
import { connectMaximo, startFlangeStack, type FlangeStack } from './testing-flange';

const ORIGIN = 'http://localhost:3999';
let flange: FlangeStack;

beforeAll(async () => {
  flange = await startFlangeStack();
}, 60_000);
afterAll(async () => flange?.close());

async function demoFor(secretKey: string): Promise<TestDemo> {
  return startTestDemo({
    flange: createFlangeHttpClient({
      baseUrl: flange.flangeUrl,
      secretKey: secretKeySource({ value: secretKey, file: '/nonexistent' }),
    }),
    origins: [ORIGIN],
    flangeOrigins: [flange.flangeUrl],
  });
}

async function sessionToken(demo: TestDemo): Promise<string> {
  const res = await demo.call('/api/flange/connect-session', postJson({ mode: 'inline' }, ORIGIN));
  expect(res.status).toBe(201);
  const body = (await res.json()) as { session_token: string; connect_url: string };
  expect(body.session_token).toMatch(/^fls_/);
  expect(body.connect_url).toMatch(new RegExp(`^${flange.flangeUrl}/connect`));
  return body.session_token;
}

describe('the demo backend against a real Flange server and the Maximo simulator', () => {
  it('creates a session, exchanges the public token, keeps the connection token, and shows the status', async () => {
    const demo = await demoFor(flange.secretKey);
    try {
      const token = await sessionToken(demo);
      const { publicToken } = await connectMaximo(flange.flangeUrl, token, {
        instance_url: flange.maximo.url,
        api_key: flange.goodApiKey,
      });
      expect(publicToken).toMatch(/^flp_/);

      const exchanged = await demo.call(
        '/api/flange/exchange',
        postJson({ public_token: publicToken }, ORIGIN),
      );
      const text = await exchanged.text();
      expect(exchanged.status, text).toBe(201);
      expect(text).not.toContain('flc_');
      const { connection } = JSON.parse(text) as { connection: Record<string, unknown> };
      expect(connection).toMatchObject({
        object: 'connection',
        status: 'active',
        system: { id: 'ibm-maximo', name: 'IBM Maximo' },
        instance_url: flange.maximo.url,
        end_user: { name: 'Dana Whitfield', organization: 'Northwind Foods' },
      });
      expect(connection.last_verified_at).not.toBeNull();

      // The token stays in Acme's store, where the next read uses it.
      const stored = await demo.store.list((connection.end_user as { id: string }).id);
      expect(stored).toHaveLength(1);
      expect(stored[0]?.access_token).toMatch(/^flc_test_/);
      expect(stored[0]?.connection_id).toBe(connection.id);

      const status = await demo.call('/api/connection');
      const statusText = await status.text();
      expect(statusText).not.toContain('flc_');
      expect(JSON.parse(statusText)).toMatchObject({ connection: { id: connection.id, status: 'active' } });

      // Another browser is another workspace: it sees no connection.
      const other = await fetch(`${demo.url}/api/connection`);
      expect(await other.json()).toEqual({ connection: null, other_connections: 0 });
    } finally {
      await demo.close();
    }
  });

  it('binds the session to the demo origin: Flange refuses it from any other site', async () => {
    const demo = await demoFor(flange.secretKey);
    try {
      const token = await sessionToken(demo);
      const ask = (origin: string) =>
        fetch(`${flange.flangeUrl}/v1/connect/session`, {
          headers: { authorization: `Bearer ${token}`, origin },
        });
      expect((await ask(ORIGIN)).status).toBe(200);
      const refused = await ask('https://evil.example');
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ code: 'ORIGIN_NOT_ALLOWED' });
    } finally {
      await demo.close();
    }
  });

  it('reports a reused or made-up public token as Flange refused it, storing nothing', async () => {
    const demo = await demoFor(flange.secretKey);
    try {
      const token = await sessionToken(demo);
      const { publicToken } = await connectMaximo(flange.flangeUrl, token, {
        instance_url: flange.maximo.url,
        api_key: flange.goodApiKey,
      });
      expect(
        (await demo.call('/api/flange/exchange', postJson({ public_token: publicToken }, ORIGIN))).status,
      ).toBe(201);

      const reused = await demo.call('/api/flange/exchange', postJson({ public_token: publicToken }, ORIGIN));
      expect(reused.status).toBe(502);
      expect(await reused.json()).toMatchObject({ code: 'FLANGE_ERROR', flange_code: 'PUBLIC_TOKEN_USED' });

      const madeUp = await demo.call(
        '/api/flange/exchange',
        postJson({ public_token: `flp_${'Z'.repeat(40)}` }, ORIGIN),
      );
      expect(madeUp.status).toBe(502);
      expect(await madeUp.json()).toMatchObject({
        code: 'FLANGE_ERROR',
        flange_code: 'PUBLIC_TOKEN_INVALID',
      });

      const state = (await (await demo.call('/api/connection')).json()) as { other_connections: number };
      expect(state.other_connections).toBe(0);
    } finally {
      await demo.close();
    }
  });

  it('does not hand out a public token for a wrong API key', async () => {
    const demo = await demoFor(flange.secretKey);
    try {
      const token = await sessionToken(demo);
      const { publicToken, events } = await connectMaximo(flange.flangeUrl, token, {
        instance_url: flange.maximo.url,
        api_key: 'maximo-wrong-key',
      });
      expect(publicToken).toBeNull();
      expect(events.at(-1)).toMatchObject({ type: 'failed', error: { param: 'api_key' } });
    } finally {
      await demo.close();
    }
  });

  it('reports a stored token Flange no longer accepts instead of pretending to be connected', async () => {
    const demo = await demoFor(flange.secretKey);
    try {
      await demo.call('/api/me');
      const forged = `flc_test_${'A'.repeat(32)}_AAAAAA`;
      await demo.store.save(demo.workspaceId() ?? '', {
        connection_id: 'conn_gone',
        access_token: forged,
        system_name: 'IBM Maximo',
        connected_at: new Date().toISOString(),
      });
      const res = await demo.call('/api/connection');
      const text = await res.text();
      expect(res.status).toBe(502);
      expect(JSON.parse(text)).toMatchObject({ code: 'FLANGE_ERROR' });
      expect(JSON.parse(text).flange_code).toMatch(/^TOKEN_|UNAUTHORIZED/);
      expect(text).not.toContain(forged);
    } finally {
      await demo.close();
    }
  });

  it('says Flange refused the secret key, without echoing it', async () => {
    const wrong = `flk_test_${'Q'.repeat(40)}`;
    const demo = await demoFor(wrong);
    try {
      const res = await demo.call('/api/flange/connect-session', postJson({}, ORIGIN));
      const text = await res.text();
      expect(res.status).toBe(502);
      expect(JSON.parse(text)).toMatchObject({ code: 'FLANGE_ERROR', flange_code: 'UNAUTHORIZED' });
      expect(text).not.toContain(wrong);
    } finally {
      await demo.close();
    }
  });
});
