import { describe, expect, it } from 'vitest';
import { TOKEN_PATTERNS } from '@flange/protocol';
import {
  hashToken,
  isWellFormed,
  maskToken,
  newConnectionToken,
  newPublicToken,
  newSecretKey,
  newSessionToken,
  TokenHashes,
} from './tokens';
import { randomBase62 } from './random';

describe('token shapes', () => {
  it('generates every kind in its protocol pattern', () => {
    expect(newSecretKey('test')).toMatch(TOKEN_PATTERNS.secret_key);
    expect(newSecretKey('live')).toMatch(/^flk_live_/);
    expect(newSessionToken()).toMatch(TOKEN_PATTERNS.session);
    expect(newPublicToken()).toMatch(TOKEN_PATTERNS.public);
    expect(newConnectionToken('live')).toMatch(TOKEN_PATTERNS.connection);
  });

  it('connection tokens: 100k generated, no collision, all well-formed with ≥160 random bits', () => {
    const seen = new Set<string>();
    let malformed = 0;
    for (let i = 0; i < 100_000; i++) {
      const t = newConnectionToken('test');
      seen.add(t);
      if (!isWellFormed('connection', t)) malformed++;
    }
    expect(seen.size).toBe(100_000);
    expect(malformed).toBe(0);
    const random = newConnectionToken('test').split('_')[2] ?? '';
    expect(random.length * Math.log2(62)).toBeGreaterThanOrEqual(160);
  });

  it('refuses every single-character change of a connection token by checksum alone', () => {
    const t = newConnectionToken('test');
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    let changed = 0;
    for (let i = 'flc_test_'.length; i < t.length; i++) {
      if (t[i] === '_') continue;
      for (const c of alphabet) {
        if (c === t[i]) continue;
        const bad = t.slice(0, i) + c + t.slice(i + 1);
        expect(isWellFormed('connection', bad)).toBe(false);
        changed++;
      }
    }
    expect(changed).toBeGreaterThan(2000);
    expect(isWellFormed('connection', t.replace('flc_test_', 'flc_live_'))).toBe(false);
  });

  it('base62 output is uniform enough (no character more than 20% off its share)', () => {
    const counts = new Map<string, number>();
    const s = randomBase62(62_000);
    for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(62);
    for (const n of counts.values()) expect(Math.abs(n - 1000)).toBeLessThan(200);
  });

  it('hashes with the pepper and masks to prefix + last 4', () => {
    const t = newConnectionToken('live');
    const a = hashToken(Buffer.from('pepper-a'), t);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(Buffer.from('pepper-b'), t)).not.toBe(a);
    expect(maskToken(t)).toBe(`flc_live_…${t.slice(-4)}`);
    expect(maskToken(newSessionToken())).toMatch(/^fls_…[0-9A-Za-z]{4}$/);
    expect(maskToken('flk_x')).toBe('flk_…');
  });
});

describe('TokenHashes', () => {
  it("gives hashToken's HMAC per pepper, for remembered tokens only, also after its memory starts over", () => {
    const pepper = Buffer.alloc(32, 1);
    const hashes = new TokenHashes(pepper, 2);
    const tokens = [newConnectionToken('test'), newConnectionToken('live'), newSecretKey('test')];
    for (const t of tokens) {
      const key = hashes.key(t);
      expect(key).not.toContain(t);
      expect(hashes.known(key)).toBeUndefined();
      expect(hashes.remember(key, t)).toBe(hashToken(pepper, t));
      expect(hashes.known(key)).toBe(hashToken(pepper, t));
    }
    // Two at most: the third started the memory over.
    expect(hashes.known(hashes.key(tokens[0]!))).toBeUndefined();
    const other = new TokenHashes(Buffer.alloc(32, 2));
    const t = tokens[2]!;
    expect(other.remember(other.key(t), t)).not.toBe(hashes.known(hashes.key(t)));
  });
});
