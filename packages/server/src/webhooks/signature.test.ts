import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, secretKey, signWebhook } from './signature';

describe('Standard Webhooks signing', () => {
  const body = JSON.stringify({ id: 'evt_1', type: 'connection.created', data: { a: 1 } });

  it('produces whsec_ secrets of 32 random bytes', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(secretKey(a)).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(a);
  });

  it('is verified by the standardwebhooks package against the raw body', () => {
    const secret = generateWebhookSecret();
    const headers = signWebhook([secret], 'evt_1', new Date(), body);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('fails verification once the JSON is re-serialised, or under another secret', () => {
    const secret = generateWebhookSecret();
    const headers = { ...signWebhook([secret], 'evt_1', new Date(), body) };
    const reserialised = JSON.stringify(JSON.parse(body), null, 2);
    expect(() => new Webhook(secret).verify(reserialised, headers)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow(
      WebhookVerificationError,
    );
  });

  it('signs with the base64-decoded key, not the secret string', () => {
    const secret = generateWebhookSecret();
    const headers = { ...signWebhook([secret], 'evt_1', new Date(), body) };
    // Keyed on the raw text of the secret, the library would not match: this guards the decoding step.
    expect(() => new Webhook(Buffer.from(secret), { format: 'raw' }).verify(body, headers)).toThrow(
      /No matching signature/,
    );
  });

  it('lists one signature per secret during a rotation, and each secret verifies alone', () => {
    const older = generateWebhookSecret();
    const newer = generateWebhookSecret();
    const headers = { ...signWebhook([newer, older], 'evt_2', new Date(), body) };
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(newer).verify(body, headers)).toBeTruthy();
    expect(new Webhook(older).verify(body, headers)).toBeTruthy();
  });

  it('uses Unix seconds and the timestamp the library checks for freshness', () => {
    const secret = generateWebhookSecret();
    const stale = signWebhook([secret], 'evt_3', new Date(Date.now() - 10 * 60_000), body);
    expect(stale['webhook-timestamp']).toMatch(/^\d{10}$/);
    expect(() => new Webhook(secret).verify(body, { ...stale })).toThrow(/too old/);
  });

  it('refuses secrets that are not whsec_ with 24 to 64 bytes', () => {
    expect(() => secretKey('sk_abc')).toThrow(/whsec_/);
    expect(() => secretKey('whsec_' + Buffer.alloc(8).toString('base64'))).toThrow(/24 to 64 bytes/);
    expect(() => signWebhook([], 'evt', new Date(), body)).toThrow(/At least one secret/);
  });
});
