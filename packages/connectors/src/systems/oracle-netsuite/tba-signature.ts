import { createHmac, randomBytes } from 'node:crypto';
import type { PreparedRequest } from '../../engine/definition';

/** RFC 3986 percent-encoding as OAuth 1.0a requires (RFC 5849 §3.6). */
export function oauthEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface TbaCredentials {
  account: string;
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
}

/**
 * The `Authorization: OAuth …` header for NetSuite Token-Based Authentication: OAuth 1.0a with
 * HMAC-SHA256 over the method, the base URL and the sorted query + oauth parameters; realm = account ID
 * (RFC 5849 §3.4; NetSuite help "The Signature for Web Services and RESTlets").
 */
export function tbaHeader(
  req: Pick<PreparedRequest, 'method' | 'url'>,
  c: TbaCredentials,
  nowMs: number,
  nonce = randomBytes(16).toString('hex'),
): string {
  const url = new URL(req.url);
  const oauth: Record<string, string> = {
    oauth_consumer_key: c.consumerKey,
    oauth_nonce: nonce,
    oauth_signature_method: 'HMAC-SHA256',
    oauth_timestamp: String(Math.floor(nowMs / 1000)),
    oauth_token: c.tokenId,
    oauth_version: '1.0',
  };
  const params = [...url.searchParams.entries(), ...Object.entries(oauth)]
    .map(([k, v]) => [oauthEncode(k), oauthEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : av > bv ? 1 : 0) : ak < bk ? -1 : 1));
  // The base URL is scheme://host[:port]/path with the default port dropped; WHATWG URL already drops it.
  const baseUrl = `${url.protocol}//${url.host.toLowerCase()}${url.pathname}`;
  const base = [
    req.method.toUpperCase(),
    oauthEncode(baseUrl),
    oauthEncode(params.map(([k, v]) => `${k}=${v}`).join('&')),
  ].join('&');
  const signature = createHmac('sha256', `${oauthEncode(c.consumerSecret)}&${oauthEncode(c.tokenSecret)}`)
    .update(base)
    .digest('base64');
  const fields = { ...oauth, oauth_signature: signature };
  return `OAuth realm="${oauthEncode(c.account)}", ${Object.entries(fields)
    .map(([k, v]) => `${k}="${oauthEncode(v)}"`)
    .join(', ')}`;
}
