import { randomBytes, randomFillSync } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `length` uniformly random base62 characters from the CSPRNG (rejection sampling, no modulo bias). */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    const bytes = randomBytes(Math.ceil((length - out.length) * 1.1) + 4);
    for (const b of bytes) {
      // 248 = 4 × 62: bytes at or above it would favour the first characters.
      if (b < 248) out += BASE62[b % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

const pool = Buffer.alloc(4096);
let poolAt = pool.length;

/**
 * Like randomBase62, from a pooled CSPRNG buffer refilled every few hundred calls (as crypto.randomUUID
 * does): for ids on every request (request ids), where a syscall per call shows. Not for secrets: a
 * pooled buffer lingers in memory.
 */
export function pooledRandomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    if (poolAt === pool.length) {
      randomFillSync(pool);
      poolAt = 0;
    }
    const b = pool[poolAt++]!;
    if (b < 248) out += BASE62[b % 62];
  }
  return out;
}

/** Base62 of an unsigned 32-bit number, left-padded with '0' to `width`. */
export function base62Uint32(n: number, width: number): string {
  let v = n >>> 0;
  let out = '';
  do {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  } while (v > 0);
  return out.padStart(width, '0');
}

/** A resource id such as `conn_4f…`: public, unguessable enough to not enumerate (≈143 bits). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBase62(24)}`;
}
