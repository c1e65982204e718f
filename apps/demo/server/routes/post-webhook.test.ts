import { createHmac, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { deadFlange, openEventStream, startTestDemo, type TestDemo } from '../testing';

let demo: TestDemo | undefined;
afterEach(async () => {
  await demo?.close();
  demo = undefined;
});

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const PATH = '/webhooks/flange';

/** Standard Webhooks signing, written out from the spec so the test does not trust the code under test. */
function sign(id: string, timestamp: number, body: string, secret = SECRET): string {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

function event(id: string, endUser: string) {
  return JSON.stringify({
    id,
    type: 'connection.revoked',
    created_at: new Date().toISOString(),
    environment: 'test',
    data: {
      connection: {
        id: 'conn_1',
        object: 'connection',
        environment: 'test',
        status: 'revoked',
        reauthorization_required: false,
        system: { id: 'ibm-maximo', name: 'IBM Maximo' },
        auth_method: 'api_key',
        instance_url: null,
        end_user: { id: endUser, name: null, organization: null },
        account: {},
        entities_verified: [],
        created_at: new Date().toISOString(),
        last_verified_at: null,
        next_check_at: null,
        last_verification: null,
        metadata: {},
      },
    },
  });
}

function deliver(d: TestDemo, body: string, headers: Record<string, string>) {
  return fetch(`${d.url}${PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

const now = () => Math.floor(Date.now() / 1000);

async function ready(): Promise<TestDemo> {
  return startTestDemo({ flange: deadFlange(), registration: { secret: () => SECRET } });
}

describe('POST /webhooks/flange', () => {
  it('accepts a signed delivery, shows it to its workspace live, and a retry of it only once', async () => {
    demo = await ready();
    await demo.call('/api/me');
    const ws = demo.workspaceId() ?? '';
    const stream = await openEventStream(demo);
    try {
      await stream.next('receiver');
      const body = event('msg_ok', ws);
      const headers = { 'webhook-id': 'msg_ok', 'webhook-timestamp': String(now()) };
      const signed = { ...headers, 'webhook-signature': sign('msg_ok', now(), body) };
      const first = await deliver(demo, body, signed);
      expect(first.status).toBe(204);
      expect(first.headers.get('set-cookie')).toBeNull();
      expect(await stream.next('webhook')).toMatchObject({
        id: 'msg_ok',
        type: 'connection.revoked',
        status: 'revoked',
        verified: true,
      });
      expect((await deliver(demo, body, signed)).status).toBe(204);
      expect(demo.feed.recent(ws)).toHaveLength(1);
    } finally {
      stream.close();
    }
  });

  it('accepts a signature by any of several listed (a secret being rolled)', async () => {
    demo = await ready();
    const body = event('msg_two', 'ws_x');
    const other = `whsec_${randomBytes(32).toString('base64')}`;
    const res = await deliver(demo, body, {
      'webhook-id': 'msg_two',
      'webhook-timestamp': String(now()),
      'webhook-signature': `${sign('msg_two', now(), body, other)} ${sign('msg_two', now(), body)}`,
    });
    expect(res.status).toBe(204);
  });

  const bad: [string, (body: string) => { body: string; headers: Record<string, string> }][] = [
    ['no signature headers', (body) => ({ body, headers: {} })],
    [
      'a signature made with another secret',
      (body) => ({
        body,
        headers: {
          'webhook-id': 'msg_1',
          'webhook-timestamp': String(now()),
          'webhook-signature': sign('msg_1', now(), body, `whsec_${randomBytes(32).toString('base64')}`),
        },
      }),
    ],
    [
      'a body changed after signing',
      (body) => ({
        body: body.replace('revoked', 'created'),
        headers: {
          'webhook-id': 'msg_1',
          'webhook-timestamp': String(now()),
          'webhook-signature': sign('msg_1', now(), body),
        },
      }),
    ],
    [
      'a timestamp 10 minutes old (a replay)',
      (body) => ({
        body,
        headers: {
          'webhook-id': 'msg_1',
          'webhook-timestamp': String(now() - 600),
          'webhook-signature': sign('msg_1', now() - 600, body),
        },
      }),
    ],
    [
      'a webhook-id other than the event id',
      (body) => ({
        body,
        headers: {
          'webhook-id': 'msg_other',
          'webhook-timestamp': String(now()),
          'webhook-signature': sign('msg_other', now(), body),
        },
      }),
    ],
    [
      'a signed body that is not a Flange event',
      () => ({
        body: '{"hello":"world"}',
        headers: {
          'webhook-id': 'msg_1',
          'webhook-timestamp': String(now()),
          'webhook-signature': sign('msg_1', now(), '{"hello":"world"}'),
        },
      }),
    ],
  ];

  it.each(bad)('refuses %s with 400 and shows nothing', async (_name, make) => {
    demo = await ready();
    const { body, headers } = make(event('msg_1', 'ws_x'));
    const res = await deliver(demo, body, headers);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: 400, code: 'INVALID_SIGNATURE' });
    expect(demo.feed.recent('ws_x')).toEqual([]);
  });

  it('refuses an oversized body', async () => {
    demo = await ready();
    const res = await deliver(demo, 'x'.repeat(300_000), {});
    expect(res.status).toBe(413);
  });

  it('answers 503 with Retry-After until the endpoint is registered (Flange retries later)', async () => {
    demo = await startTestDemo({ flange: deadFlange() });
    const body = event('msg_early', 'ws_x');
    const res = await deliver(demo, body, {
      'webhook-id': 'msg_early',
      'webhook-timestamp': String(now()),
      'webhook-signature': sign('msg_early', now(), body),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(demo.feed.recent('ws_x')).toEqual([]);
  });
});
