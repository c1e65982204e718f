import { createHmac, hash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { TOKEN_PATTERNS } from '@flange/protocol';
import type { TokenKind } from '@flange/protocol';
import { base62Uint32, randomBase62 } from './random';

export type EnvironmentKind = 'test' | 'live';

/** 32 base62 characters ≈ 190 bits, above the 160 the connection token needs. */
const CONNECTION_RANDOM_CHARS = 32;
/** 43 base62 characters ≈ 256 bits for keys and short-lived tokens. */
const LONG_RANDOM_CHARS = 43;

/** A new secret key `flk_{test|live}_…`. */
export function newSecretKey(env: EnvironmentKind): string {
  return `flk_${env}_${randomBase62(LONG_RANDOM_CHARS)}`;
}

/** A new connect session token `fls_…`. */
export function newSessionToken(): string {
  return `fls_${randomBase62(LONG_RANDOM_CHARS)}`;
}

/** A new public token `flp_…`. */
export function newPublicToken(): string {
  return `flp_${randomBase62(LONG_RANDOM_CHARS)}`;
}

function connectionChecksum(body: string): string {
  return base62Uint32(crc32(body), 6);
}

/** A new connection token `flc_{test|live}_<base62 ×32>_<crc32 base62 ×6>`. */
export function newConnectionToken(env: EnvironmentKind): string {
  const body = `flc_${env}_${randomBase62(CONNECTION_RANDOM_CHARS)}`;
  return `${body}_${connectionChecksum(body)}`;
}

/**
 * Whether a string has the shape of a token of `kind`, checksum included for connection tokens.
 * Pure: it lets a malformed or mistyped token be refused without touching storage.
 */
export function isWellFormed(kind: TokenKind, token: string): boolean {
  if (!TOKEN_PATTERNS[kind].test(token)) return false;
  if (kind !== 'connection') return true;
  const cut = token.lastIndexOf('_');
  // A plain comparison: both sides derive from the presented token alone, so its timing reveals nothing
  // secret (the stored hash is compared by the database lookup, never here).
  return connectionChecksum(token.slice(0, cut)) === token.slice(cut + 1);
}

/** The environment a secret key or connection token names in its prefix. */
export function tokenEnvironment(token: string): EnvironmentKind | null {
  const m = /^fl[kc]_(test|live)_/.exec(token);
  return m ? (m[1] as EnvironmentKind) : null;
}

/** HMAC-SHA256(pepper, token) as hex: what storage keeps and looks up instead of the token. */
export function hashToken(pepper: Buffer, token: string): string {
  return createHmac('sha256', pepper).update(token, 'utf8').digest('hex');
}

/**
 * hashToken for the authentication of every request: remembers the HMAC of up to `max` tokens that passed
 * the shape check, keyed by the token's plain SHA-256 (a one-shot digest, several times cheaper than an
 * HMAC), so no token itself stays in memory past its request. Per pepper: make one per app.
 */
export class TokenHashes {
  readonly #known = new Map<string, string>();

  constructor(
    private readonly pepper: Buffer,
    private readonly max = 10_000,
  ) {}

  /** The memory's key for `token`. */
  key(token: string): string {
    return hash('sha256', token, 'base64');
  }

  /** The HMAC of the token behind `key`, when it was remembered: it was well-formed then, and still is. */
  known(key: string): string | undefined {
    return this.#known.get(key);
  }

  /** hashToken(pepper, token), remembered under `key` (= this.key(token)). Only for well-formed tokens. */
  remember(key: string, token: string): string {
    const hmac = hashToken(this.pepper, token);
    // Bounded: a flood of made-up tokens starts the memory over rather than growing it.
    if (this.#known.size >= this.max) this.#known.clear();
    this.#known.set(key, hmac);
    return hmac;
  }
}

/** The loggable form of a token: its prefix and last four characters only. */
export function maskToken(token: string): string {
  const m = /^(fl[a-z]_(?:(?:test|live)_)?)/.exec(token);
  const prefix = m?.[1] ?? '';
  if (token.length < prefix.length + 8) return `${prefix}…`;
  return `${prefix}…${token.slice(-4)}`;
}
