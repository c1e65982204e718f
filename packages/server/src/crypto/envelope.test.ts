import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptError, Keyring, UnknownKeyError, open, parseKeyList, rewrap, seal } from './envelope';
import type { EnvelopeBlob } from './envelope';

const k1 = { kid: 'k1', key: randomBytes(32) };
const k2 = { kid: 'k2', key: randomBytes(32) };
const ctx = { tenant: 'env_a', subject: 'conn_1' };
const secret = '{"api_key":"canary-7f3a"}';

function flip(b64: string, at: number): string {
  const buf = Buffer.from(b64, 'base64');
  buf[at % buf.length]! ^= 0x01;
  return buf.toString('base64');
}

describe('credential envelope (security.md §3)', () => {
  const ring = new Keyring([k1]);

  it('round-trips and hides the plaintext', () => {
    const blob = seal(ring, secret, ctx);
    expect(Object.keys(blob).sort()).toEqual(['ct', 'iv', 'kid', 'tag', 'v', 'wrapped_dek']);
    expect(JSON.stringify(blob)).not.toContain('canary');
    expect(open(ring, blob, ctx).toString()).toBe(secret);
    // A fresh IV and DEK each time.
    const again = seal(ring, secret, ctx);
    expect(again.iv).not.toBe(blob.iv);
    expect(again.wrapped_dek).not.toBe(blob.wrapped_dek);
  });

  it('rejects any single flipped byte in iv, tag, ct and wrapped_dek', () => {
    const blob = seal(ring, secret, ctx);
    for (const field of ['iv', 'tag', 'ct', 'wrapped_dek'] as const) {
      const len = Buffer.from(blob[field], 'base64').length;
      for (let i = 0; i < len; i++) {
        const bad: EnvelopeBlob = { ...blob, [field]: flip(blob[field], i) };
        expect(() => open(ring, bad, ctx)).toThrow(DecryptError);
      }
    }
  });

  it('rejects a changed AAD: another tenant, another row (swapped rows), another kid or version', () => {
    const a = seal(ring, secret, ctx);
    const b = seal(ring, 'other', { tenant: 'env_a', subject: 'conn_2' });
    expect(() => open(ring, a, { tenant: 'env_b', subject: 'conn_1' })).toThrow(DecryptError);
    // Swapped rows: each blob opened as the other connection.
    expect(() => open(ring, a, { tenant: 'env_a', subject: 'conn_2' })).toThrow(DecryptError);
    expect(() => open(ring, b, ctx)).toThrow(DecryptError);
    // Relabelled under another known kid with the same key material: the kid is in the AAD.
    const twin = new Keyring([k1, { kid: 'k1b', key: k1.key }]);
    expect(() => open(twin, { ...a, kid: 'k1b' }, ctx)).toThrow(DecryptError);
    expect(() => open(ring, { ...a, v: 2 }, ctx)).toThrow(DecryptError);
  });

  it('rejects 12-, 8- and 4-byte tags (the DEP0182 trap) and malformed blobs', () => {
    const blob = seal(ring, secret, ctx);
    for (const n of [12, 8, 4]) {
      const short = Buffer.from(blob.tag, 'base64').subarray(0, n).toString('base64');
      expect(() => open(ring, { ...blob, tag: short }, ctx)).toThrow(DecryptError);
    }
    expect(() => open(ring, { ...blob, extra: 1 }, ctx)).toThrow(DecryptError);
    expect(() => open(ring, null, ctx)).toThrow(DecryptError);
    expect(() => open(ring, 'text', ctx)).toThrow(DecryptError);
  });

  it('shows why authTagLength matters: without it Node accepts a truncated tag', () => {
    // The guard above is not theoretical: a 4-byte prefix of a valid tag authenticates without authTagLength.
    const key = randomBytes(32);
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, iv);
    const ct = Buffer.concat([c.update('x'), c.final()]);
    const tag = c.getAuthTag().subarray(0, 4);
    const loose = createDecipheriv('aes-256-gcm', key, iv);
    loose.setAuthTag(tag);
    expect(() => Buffer.concat([loose.update(ct), loose.final()])).not.toThrow();
    const strict = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
    expect(() => strict.setAuthTag(tag)).toThrow(/authentication tag length/i);
  });

  it('gives a typed error for an unknown kid', () => {
    const blob = seal(new Keyring([k2]), secret, ctx);
    const err = (() => {
      try {
        open(ring, blob, ctx);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(UnknownKeyError);
    expect((err as UnknownKeyError).kid).toBe('k2');
  });

  it('decrypts under any known kid, encrypts under the first, and re-wraps to it', () => {
    const old = seal(new Keyring([k1]), secret, ctx);
    const rotated = new Keyring([k2, k1]);
    expect(open(rotated, old, ctx).toString()).toBe(secret);
    const moved = rewrap(rotated, old, ctx);
    expect(moved.kid).toBe('k2');
    expect(open(new Keyring([k2]), moved, ctx).toString()).toBe(secret);
    expect(() => open(new Keyring([k1]), moved, ctx)).toThrow(UnknownKeyError);
  });

  it('parses key lists and refuses bad ones readably', () => {
    const list = parseKeyList(`k2:${k2.key.toString('base64')}, k1:${k1.key.toString('base64')}`);
    expect(list.map((k) => k.kid)).toEqual(['k2', 'k1']);
    expect(() => parseKeyList('')).toThrow(/no keys/);
    expect(() => parseKeyList('nokid')).toThrow(/kid:base64key/);
    expect(() => parseKeyList(`k1:${randomBytes(16).toString('base64')}`)).toThrow(/32 bytes/);
    expect(() => parseKeyList(`bad|kid:${k1.key.toString('base64')}`)).toThrow(/key id/);
    expect(() => new Keyring([k1, k1])).toThrow(/twice/);
  });
});
