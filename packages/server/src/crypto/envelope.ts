import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import * as z from 'zod';

/** One key-encryption key of the keyring. */
export interface Kek {
  kid: string;
  key: Buffer;
}

/** Key ids end up inside the AAD, joined by `|`: keep them short and free of the separator. */
export const KID_PATTERN = /^[A-Za-z0-9._-]{1,32}$/;

/** A stored key id that this keyring does not hold: the blob cannot be opened until the key is loaded. */
export class UnknownKeyError extends Error {
  override readonly name = 'UnknownKeyError';
  constructor(readonly kid: string) {
    super(`No encryption key with id "${kid}" is loaded`);
  }
}

/** The blob failed authentication (tampered, moved to another row, or encrypted under another key). */
export class DecryptError extends Error {
  override readonly name = 'DecryptError';
  constructor(reason: string) {
    super(`The encrypted value could not be opened: ${reason}`);
  }
}

/** Key-encryption keys: the first encrypts, every one decrypts (rotation without downtime). */
export class Keyring {
  readonly #keys = new Map<string, Buffer>();
  readonly activeKid: string;

  constructor(keks: readonly Kek[]) {
    const first = keks[0];
    if (!first) throw new Error('A keyring needs at least one key');
    for (const k of keks) {
      if (!KID_PATTERN.test(k.kid)) throw new Error(`Key id "${k.kid}" must match ${KID_PATTERN}`);
      if (k.key.length !== 32)
        throw new Error(`Key "${k.kid}" must be 32 bytes (AES-256), got ${k.key.length}`);
      if (this.#keys.has(k.kid)) throw new Error(`Key id "${k.kid}" appears twice`);
      this.#keys.set(k.kid, Buffer.from(k.key));
    }
    this.activeKid = first.kid;
  }

  /** The key for `kid`, or an UnknownKeyError. */
  key(kid: string): Buffer {
    const k = this.#keys.get(kid);
    if (!k) throw new UnknownKeyError(kid);
    return k;
  }

  kids(): string[] {
    return [...this.#keys.keys()];
  }
}

const b64 = (n: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]*={0,2}$/)
    .refine((s) => Buffer.from(s, 'base64').length === n, `must decode to ${n} bytes`);

/** The stored form (security.md §3): `{v, kid, iv, tag, ct, wrapped_dek}`, binary fields in base64. */
export const EnvelopeBlob = z.strictObject({
  v: z.literal(1),
  kid: z.string().regex(KID_PATTERN),
  iv: b64(12),
  tag: b64(16),
  ct: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/),
  /** iv(12) ‖ tag(16) ‖ AES-256-GCM(KEK, DEK)(32). */
  wrapped_dek: b64(60),
});
export type EnvelopeBlob = z.infer<typeof EnvelopeBlob>;

/** What the ciphertext is bound to: moving it to another tenant or row makes it fail. */
export interface EnvelopeContext {
  tenant: string;
  subject: string;
}

const VERSION = 1;
const TAG_BYTES = 16;

function aad(ctx: EnvelopeContext, kid: string): Buffer {
  for (const part of [ctx.tenant, ctx.subject]) {
    if (part.includes('|')) throw new Error('Envelope context parts must not contain "|"');
  }
  return Buffer.from(`${ctx.tenant}|${ctx.subject}|${kid}|${VERSION}`, 'utf8');
}

function gcmEncrypt(key: Buffer, plaintext: Buffer, additional: Buffer) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additional);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ct };
}

function gcmDecrypt(key: Buffer, iv: Buffer, tag: Buffer, ct: Buffer, additional: Buffer): Buffer {
  // A short tag would be accepted by setAuthTag without authTagLength (Node DEP0182); refuse it up front too.
  if (iv.length !== 12) throw new DecryptError('bad iv length');
  if (tag.length !== TAG_BYTES) throw new DecryptError('bad tag length');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additional);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ct), decipher.final()]);
  } catch {
    throw new DecryptError('authentication failed');
  }
}

/** Encrypt under a fresh data key wrapped by the active KEK. */
export function seal(keyring: Keyring, plaintext: Buffer | string, ctx: EnvelopeContext): EnvelopeBlob {
  const kid = keyring.activeKid;
  const additional = aad(ctx, kid);
  const dek = randomBytes(32);
  try {
    const body = gcmEncrypt(
      dek,
      Buffer.isBuffer(plaintext) ? plaintext : Buffer.from(plaintext, 'utf8'),
      additional,
    );
    const wrap = gcmEncrypt(keyring.key(kid), dek, additional);
    return {
      v: VERSION,
      kid,
      iv: body.iv.toString('base64'),
      tag: body.tag.toString('base64'),
      ct: body.ct.toString('base64'),
      wrapped_dek: Buffer.concat([wrap.iv, wrap.tag, wrap.ct]).toString('base64'),
    };
  } finally {
    dek.fill(0);
  }
}

/** Decrypt a blob for `ctx`; UnknownKeyError for an unknown kid, DecryptError for anything tampered. */
export function open(keyring: Keyring, blob: unknown, ctx: EnvelopeContext): Buffer {
  const parsed = EnvelopeBlob.safeParse(blob);
  if (!parsed.success) throw new DecryptError('not an envelope');
  const e = parsed.data;
  const kek = keyring.key(e.kid);
  const additional = aad(ctx, e.kid);
  const wrapped = Buffer.from(e.wrapped_dek, 'base64');
  const dek = gcmDecrypt(
    kek,
    wrapped.subarray(0, 12),
    wrapped.subarray(12, 28),
    wrapped.subarray(28),
    additional,
  );
  try {
    return gcmDecrypt(
      dek,
      Buffer.from(e.iv, 'base64'),
      Buffer.from(e.tag, 'base64'),
      Buffer.from(e.ct, 'base64'),
      additional,
    );
  } finally {
    dek.fill(0);
  }
}

/** Move a blob under the active KEK (a fresh DEK too: the kid is part of the AAD of both layers). */
export function rewrap(keyring: Keyring, blob: unknown, ctx: EnvelopeContext): EnvelopeBlob {
  const plaintext = open(keyring, blob, ctx);
  try {
    return seal(keyring, plaintext, ctx);
  } finally {
    plaintext.fill(0);
  }
}

/** Parse `kid:base64key,kid2:base64key` (first is active) into KEKs; throws a readable message. */
export function parseKeyList(text: string): Kek[] {
  const parts = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (parts.length === 0) throw new Error('no keys given');
  return parts.map((part, i) => {
    const cut = part.indexOf(':');
    if (cut <= 0) throw new Error(`entry ${i + 1} is not "kid:base64key"`);
    const kid = part.slice(0, cut);
    const raw = part.slice(cut + 1);
    if (!KID_PATTERN.test(kid)) throw new Error(`entry ${i + 1}: key id must match ${KID_PATTERN}`);
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(raw)) throw new Error(`entry ${i + 1} (${kid}): key is not base64`);
    const key = Buffer.from(raw, 'base64');
    if (key.length !== 32)
      throw new Error(`entry ${i + 1} (${kid}): key must be 32 bytes, got ${key.length}`);
    return { kid, key };
  });
}
