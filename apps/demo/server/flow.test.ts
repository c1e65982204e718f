import { Flange } from '@flange/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStream, postJson, sdkClient, startTestDemo, type TestDemo } from './testing';
import { connectMaximo, startFlangeStack, type FlangeStack } from './testing-flange';

const ORIGIN = 'http://localhost:3999';
let flange: FlangeStack;

beforeAll(async () => {
  flange = await startFlangeStack();
}, 60_000);
afterAll(async () => flange?.close());

async function demoFor(secretKey: string, opts: { registerWebhooks?: boolean } = {}): Promise<TestDemo> {
  return startTestDemo({
    flange: sdkClient(flange.flangeUrl, secretKey),
    origins: [ORIGIN],
    flangeOrigins: [flange.flangeUrl],
    ...opts,
  });
}

/** Connect Maximo through a session the demo created, and exchange through the demo: the user's journey. */
async function connectThroughDemo(demo: TestDemo): Promise<{ id: string }> {
  const token = await sessionToken(demo);
  const { publicToken } = await connectMaximo(flange.flangeUrl, token, {
    instance_url: flange.maximo.url,
    api_key: flange.goodApiKey,
  });
  const res = await demo.call('/api/flange/exchange', postJson({ public_token: publicToken }, ORIGIN));
  expect(res.status).toBe(201);
  return ((await res.json()) as { connection: { id: string } }).connection;
}

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

async function sessionToken(demo: TestDemo): Promise<string> {
  const res = await demo.call('/api/flange/connect-session', postJson({ mode: 'inline' }, ORIGIN));
  expect(res.status).toBe(201);
  const body = (await res.json()) as { session_token: string; connect_url: string };
  expect(body.session_token).toMatch(/^fls_/);
  expect(body.connect_url).toMatch(new RegExp(`^${flange.flangeUrl}/connect`));
  return body.session_token;
}

// Real servers on a shared 2-core machine: a whole journey can take several seconds.
describe(
  'the demo backend against a real Flange server and the Maximo simulator',
  { timeout: 30_000 },
  () => {
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

        const reused = await demo.call(
          '/api/flange/exchange',
          postJson({ public_token: publicToken }, ORIGIN),
        );
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

    it('reports a stored connection Flange does not know instead of pretending to be connected', async () => {
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
        for (const [method, path] of [
          ['GET', '/api/connection'],
          ['POST', '/api/connection/verify'],
          ['POST', '/api/connection/rotate-token'],
          ['DELETE', '/api/connection'],
        ] as const) {
          const res = await demo.call(path, { method, headers: { origin: ORIGIN } });
          const text = await res.text();
          expect(res.status, `${method} ${path}`).toBe(502);
          expect(JSON.parse(text)).toMatchObject({ code: 'FLANGE_ERROR', flange_code: 'NOT_FOUND' });
          expect(text).not.toContain(forged);
        }
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

    it('drives the connection with the SDK and shows each webhook, verified, to that workspace only', async () => {
      const demo = await demoFor(flange.secretKey, { registerWebhooks: true });
      const sdk = new Flange({ secretKey: flange.secretKey, baseUrl: flange.flangeUrl });
      await demo.call('/api/me');
      const stream = await openEventStream(demo);
      try {
        expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
        expect(await stream.next('receiver')).toEqual({
          state: 'listening',
          url: demo.webhookUrl,
          detail: null,
        });
        const endpoints = (await sdk.webhookEndpoints.list()).data.filter((e) => e.url === demo.webhookUrl);
        expect(endpoints).toHaveLength(1);

        const { id } = await connectThroughDemo(demo);
        const created = await stream.next('webhook');
        expect(created).toMatchObject({
          type: 'connection.created',
          connection_id: id,
          system_name: 'IBM Maximo',
          status: 'active',
          verified: true,
        });

        // Flange sends the same event again under the same webhook-id: acknowledged, not shown twice.
        const [delivery] = (await sdk.webhookDeliveries.list({ event_id: (created as { id: string }).id }))
          .data;
        const ours = delivery?.endpoint_id === endpoints[0]?.id ? delivery : undefined;
        const deliveryId =
          ours?.id ??
          (await sdk.webhookDeliveries.list({ endpoint_id: endpoints[0]?.id ?? '' })).data.find(
            (d) => d.event_id === (created as { id: string }).id,
          )?.id;
        expect(deliveryId).toBeDefined();
        await sdk.webhookDeliveries.retry(deliveryId ?? '');
        // The retry's own attempt: a second one, answered 204 by the receiver.
        await expect
          .poll(
            async () => {
              const { attempts } = await sdk.webhookDeliveries.get(deliveryId ?? '');
              return attempts.map((a) => a.status_code);
            },
            { timeout: 10_000 },
          )
          .toEqual([204, 204]);
        expect(demo.feed.recent(demo.workspaceId() ?? '').map((e) => e.type)).toEqual(['connection.created']);

        // Check now: Flange re-verifies; a healthy connection stays active.
        const checked = await demo.call('/api/connection/verify', {
          method: 'POST',
          headers: { origin: ORIGIN },
        });
        expect(checked.status).toBe(200);
        expect(await checked.json()).toMatchObject({
          connection: { id, status: 'active', last_verification: { outcome: 'succeeded' } },
        });

        // Rotate: the backend keeps the new token; the page learns only when the old one stops.
        const [before] = await demo.store.list(demo.workspaceId() ?? '');
        const rotated = await demo.call('/api/connection/rotate-token', {
          method: 'POST',
          headers: { origin: ORIGIN },
        });
        const rotatedText = await rotated.text();
        expect(rotated.status).toBe(200);
        expect(rotatedText).not.toContain('flc_');
        expect(JSON.parse(rotatedText)).toMatchObject({ connection: { id, status: 'active' } });
        const [after] = await demo.store.list(demo.workspaceId() ?? '');
        expect(after?.access_token).toMatch(/^flc_test_/);
        expect(after?.access_token).not.toBe(before?.access_token);
        for (const token of [before?.access_token ?? '', after?.access_token ?? '']) {
          expect((await fetch(`${flange.flangeUrl}/v1/connection`, bearer(token))).status).toBe(200);
        }
        expect(await stream.next('webhook')).toMatchObject({
          type: 'connection.token_rotated',
          connection_id: id,
          previous_token_expires_at: JSON.parse(rotatedText).previous_token_expires_at,
        });

        // Disconnect: revoked at Flange, every token dead, the card reads "revoked".
        const revoked = await demo.call('/api/connection', { method: 'DELETE', headers: { origin: ORIGIN } });
        expect(revoked.status).toBe(200);
        expect(await revoked.json()).toMatchObject({ connection: { id, status: 'revoked' } });
        expect(await stream.next('webhook')).toMatchObject({
          type: 'connection.revoked',
          connection_id: id,
          status: 'revoked',
        });
        expect(
          (await fetch(`${flange.flangeUrl}/v1/connection`, bearer(after?.access_token ?? ''))).status,
        ).toBe(401);
        expect(await (await demo.call('/api/connection')).json()).toMatchObject({
          connection: { id, status: 'revoked' },
        });

        // A page opened now gets the recent events replayed, oldest first.
        const again = await openEventStream(demo);
        const replayed = [
          await again.next('webhook'),
          await again.next('webhook'),
          await again.next('webhook'),
        ];
        again.close();
        expect(replayed.map((e) => (e as { type: string }).type)).toEqual([
          'connection.created',
          'connection.token_rotated',
          'connection.revoked',
        ]);

        // Another browser is another workspace: its stream replays none of these.
        const other = await fetch(`${demo.url}/api/events`);
        const reader = other.body?.pipeThrough(new TextDecoderStream()).getReader();
        const first = await reader?.read();
        await reader?.cancel();
        expect(first?.value).toContain('event: receiver');
        expect(first?.value).not.toContain('event: webhook');
      } finally {
        stream.close();
        await demo.close();
      }
    });
  },
);
