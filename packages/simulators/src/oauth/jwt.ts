import { sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

function b64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

/** A compact RS256 JWT (RFC 7515/7519) over `claims`, with `kid` in the header. */
export function signJwt(key: KeyObject, kid: string, claims: object): string {
  const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const body = b64url(JSON.stringify(claims));
  const signature = sign('sha256', Buffer.from(`${head}.${body}`), key);
  return `${head}.${body}.${b64url(signature)}`;
}

/** The claims of an RS256 JWT whose signature `publicKey` verifies; null for anything else. */
export function verifyJwt<T>(token: string, publicKey: KeyObject): T | null {
  const [head, body, sig] = token.split('.');
  if (!head || !body || !sig) return null;
  try {
    const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: unknown };
    // Only RS256: a token naming another algorithm (none, HS256) is refused outright.
    if (header.alg !== 'RS256') return null;
    if (!verify('sha256', Buffer.from(`${head}.${body}`), publicKey, Buffer.from(sig, 'base64url')))
      return null;
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
  } catch {
    return null;
  }
}
