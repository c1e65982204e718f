import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Flange } from '@flange/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventFeed } from './event-feed';
import { sdkClient, startTestDemo } from './testing';
import { startFlangeStack, type FlangeStack } from './testing-flange';
import { createWebhookRegistration, ensureWebhookEndpoint } from './webhook-endpoint';

describe(
  'registering the demo receiver with Flange (loopback opted in, as `pnpm start` does)',
  { timeout: 30_000 },
  () => {
    let flange: FlangeStack;
    let sdk: Flange;
    let dir: string;
    beforeAll(async () => {
      flange = await startFlangeStack();
      sdk = new Flange({ secretKey: flange.secretKey, baseUrl: flange.flangeUrl });
      dir = await mkdtemp(join(tmpdir(), 'demo-webhook-'));
    }, 60_000);
    afterAll(async () => {
      await flange?.close();
      await rm(dir, { recursive: true, force: true });
    });

    const ours = async (url: string) => (await sdk.webhookEndpoints.list()).data.filter((e) => e.url === url);

    it('creates the endpoint once, keeps its secret in a private file, and finds it again after a restart', async () => {
      const url = 'http://127.0.0.1:3101/webhooks/flange';
      const file = join(dir, 'restart.json');
      const first = await ensureWebhookEndpoint(sdk, { url, file });
      expect(first.created).toBe(true);
      expect(first.secret).toMatch(/^whsec_/);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      const again = await ensureWebhookEndpoint(sdk, { url, file });
      expect(again).toEqual({ endpointId: first.endpointId, secret: first.secret, created: false });
      expect(await ours(url)).toMatchObject([{ id: first.endpointId, events: ['*'], status: 'enabled' }]);
    });

    it('replaces an endpoint for its URL whose secret it no longer has, rather than trusting it', async () => {
      const url = 'http://127.0.0.1:3102/webhooks/flange';
      const lost = await ensureWebhookEndpoint(sdk, { url });
      const file = join(dir, 'damaged.json');
      await writeFile(file, '{ not json');
      const fresh = await ensureWebhookEndpoint(sdk, { url, file });
      expect(fresh.created).toBe(true);
      expect(fresh.endpointId).not.toBe(lost.endpointId);
      expect((await ours(url)).map((e) => e.id)).toEqual([fresh.endpointId]);
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
        endpoint_id: fresh.endpointId,
        url,
        secret: fresh.secret,
      });
    });

    it('turns its endpoint back on when Flange disabled it (after a 410), keeping the secret', async () => {
      const url = 'http://127.0.0.1:3105/webhooks/flange';
      const file = join(dir, 'disabled.json');
      const first = await ensureWebhookEndpoint(sdk, { url, file });
      await sdk.webhookEndpoints.disable(first.endpointId);
      expect((await ours(url))[0]?.status).toBe('disabled');
      const again = await ensureWebhookEndpoint(sdk, { url, file });
      expect(again).toEqual({ endpointId: first.endpointId, secret: first.secret, created: false });
      expect((await ours(url))[0]?.status).toBe('enabled');
    });

    it('registers again when the saved endpoint was deleted at Flange', async () => {
      const url = 'http://127.0.0.1:3103/webhooks/flange';
      const file = join(dir, 'deleted.json');
      const first = await ensureWebhookEndpoint(sdk, { url, file });
      await sdk.webhookEndpoints.delete(first.endpointId);
      const second = await ensureWebhookEndpoint(sdk, { url, file });
      expect(second.created).toBe(true);
      expect((await ours(url)).map((e) => e.id)).toEqual([second.endpointId]);
    });
  },
);

describe(
  'registering the demo receiver with a Flange that keeps the production URL rules',
  { timeout: 30_000 },
  () => {
    let flange: FlangeStack;
    beforeAll(async () => {
      flange = await startFlangeStack({ loopbackWebhooks: false });
    }, 60_000);
    afterAll(async () => flange?.close());

    it('reports the refusal in the Events panel state, and the receiver accepts nothing', async () => {
      const demo = await startTestDemo({ flange: sdkClient(flange.flangeUrl, flange.secretKey) });
      try {
        await expect(demo.registration.registerOnce()).rejects.toThrow(/Webhook|URL|address/i);
        expect(demo.feed.receiver()).toMatchObject({ state: 'failed', url: demo.webhookUrl });
        expect(demo.feed.receiver().detail).toMatch(
          /Flange refused the call: .*(private|loopback|not allowed)/i,
        );
        expect(demo.registration.secret()).toBeNull();
        const res = await fetch(demo.webhookUrl, { method: 'POST', body: '{}' });
        expect(res.status).toBe(503);
      } finally {
        await demo.close();
      }
    });

    it('keeps retrying in the background until stopped', async () => {
      const feed = createEventFeed({ receiverUrl: 'http://127.0.0.1:3104/webhooks/flange' });
      const lines: string[] = [];
      const registration = createWebhookRegistration({
        flange: sdkClient(flange.flangeUrl, flange.secretKey),
        url: 'http://127.0.0.1:3104/webhooks/flange',
        feed,
        retryMs: 50,
        log: (line) => lines.push(line),
      });
      void registration.start();
      await expect.poll(() => lines.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
      registration.stop();
      const count = lines.length;
      await new Promise((r) => setTimeout(r, 200));
      expect(lines.length).toBe(count);
      expect(feed.receiver().state).toBe('failed');
    });
  },
);
