import { randomBytes } from 'node:crypto';
import type { WebhookEvent } from '@flange/protocol';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { Flange } from './client';
import { WebhookVerificationError } from './errors';
import { connection } from './test-server';
import { verifyWebhook } from './webhooks';

const newSecret = () => 'whsec_' + randomBytes(32).toString('base64');

function signed(secret: string, event: WebhookEvent, opts: { at?: Date; id?: string } = {}) {
  const body = JSON.stringify(event);
  const id = opts.id ?? event.id;
  const at = opts.at ?? new Date();
  return {
    body,
    headers: {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(id, at, body),
    },
  };
}

const event: WebhookEvent = {
  id: 'evt_1',
  type: 'connection.reauthorization_required',
  created_at: '2026-01-01T00:00:00.000Z',
  environment: 'test',
  data: {
    connection: connection({ status: 'reauthorization_required', reauthorization_required: true }),
    reason: { code: 'INVALID_CREDENTIALS', display_message: 'The API key was revoked.' },
    reconnect: { reconnect_connection_id: 'conn_1' },
  },
};

describe('webhooks.verify', () => {
  it('verifies and parses a signed event, from a string, a Buffer, Node headers or fetch Headers', () => {
    const secret = newSecret();
    const { body, headers } = signed(secret, event);
    expect(verifyWebhook(body, headers, secret)).toEqual(event);
    expect(verifyWebhook(Buffer.from(body), headers, secret).type).toBe(
      'connection.reauthorization_required',
    );
    expect(verifyWebhook(body, new Headers(headers), secret).id).toBe('evt_1');
    const upper = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]));
    expect(verifyWebhook(body, upper, secret).id).toBe('evt_1');
  });

  it('refuses a body changed after signing, even only re-serialised', () => {
    const secret = newSecret();
    const { body, headers } = signed(secret, event);
    expect(() => verifyWebhook(JSON.stringify(JSON.parse(body), null, 1), headers, secret)).toThrow(
      WebhookVerificationError,
    );
    expect(() => verifyWebhook(body.replace('conn_1', 'conn_2'), headers, secret)).toThrow(
      WebhookVerificationError,
    );
  });

  it('refuses another secret, missing headers, a stale timestamp and a mismatched id', () => {
    const secret = newSecret();
    const { body, headers } = signed(secret, event);
    expect(() => verifyWebhook(body, headers, newSecret())).toThrow(WebhookVerificationError);
    expect(() => verifyWebhook(body, { ...headers, 'webhook-signature': undefined }, secret)).toThrow(
      /Missing/,
    );
    const stale = signed(secret, event, { at: new Date(Date.now() - 6 * 60_000) });
    expect(() => verifyWebhook(stale.body, stale.headers, secret)).toThrow(/too old/);
    const renamed = signed(secret, event, { id: 'evt_other' });
    expect(() => verifyWebhook(renamed.body, renamed.headers, secret)).toThrow(/webhook-id/);
  });

  it('accepts any of several secrets while one is rolled', () => {
    const older = newSecret();
    const newer = newSecret();
    const { body, headers } = signed(older, event);
    expect(verifyWebhook(body, headers, [newer, older]).id).toBe('evt_1');
    expect(() => verifyWebhook(body, headers, [])).toThrow(WebhookVerificationError);
  });

  it('refuses a correctly signed body that is not a Flange event', () => {
    const secret = newSecret();
    const bogus = { ...event, type: 'invoice.paid' } as unknown as WebhookEvent;
    const { body, headers } = signed(secret, bogus);
    expect(() => verifyWebhook(body, headers, secret)).toThrow(/not a Flange event/);
  });

  it('is reachable as flange.webhooks.verify, with the secret from the client options', () => {
    const secret = newSecret();
    const { body, headers } = signed(secret, event);
    const key = 'flk_test_' + 'a'.repeat(32);
    const flange = new Flange({ secretKey: key, baseUrl: 'http://127.0.0.1:1', webhookSecret: secret });
    expect(flange.webhooks.verify(body, headers).id).toBe('evt_1');
    expect(() =>
      new Flange({ secretKey: key, baseUrl: 'http://127.0.0.1:1' }).webhooks.verify(body, headers),
    ).toThrow(TypeError);
  });
});
