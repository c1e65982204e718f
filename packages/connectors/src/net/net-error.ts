import type { CertificateInfo } from '@flange/protocol';

/**
 * Why an outbound call did not produce a response. The kinds are ours; the upstream's socket error text is
 * deliberately not kept, so nothing a remote host says about its ports or internals can reach a user.
 */
export type NetErrorKind =
  /** Not a URL, or a scheme other than http(s). */
  | 'url_invalid'
  /** user:password@ in the URL. */
  | 'userinfo'
  /** Plain http while the policy requires https (or a redirect downgraded https to http). */
  | 'http_not_allowed'
  /** A port no HTTP service should be reached on (the WHATWG fetch "bad port" list). */
  | 'port_not_allowed'
  /** The host is, or resolves to, an address outside the public internet and outside the allowlist. */
  | 'address_blocked'
  /** The name does not resolve (NXDOMAIN, no answer, resolver failure or timeout). */
  | 'dns_failed'
  /** No TCP connection: refused, unreachable, reset during connect, or the connect timeout. */
  | 'unreachable'
  /** The connection dropped after it was made (reset, closed mid-answer). */
  | 'connection_lost'
  /** The total time budget ran out. */
  | 'timeout'
  /** The certificate chain or host name did not verify and no pin matched. */
  | 'tls_untrusted'
  /** The TLS handshake failed for another reason (protocol, cipher, not TLS at all). */
  | 'tls_failed'
  /** The answer was bigger than the body cap. */
  | 'too_large'
  /** A redirect we do not follow (off, too many hops, or to a refused target). */
  | 'redirect_refused'
  /** The caller aborted. */
  | 'aborted';

const MESSAGES: Record<NetErrorKind, string> = {
  url_invalid: 'The address is not a valid http(s) URL.',
  userinfo: 'The address contains a user name or password.',
  http_not_allowed: 'Plain http is not allowed for this address.',
  port_not_allowed: 'This port is not allowed.',
  address_blocked: 'The address is on a private or reserved network.',
  dns_failed: 'The host name could not be resolved.',
  unreachable: 'The server could not be reached.',
  connection_lost: 'The connection was lost.',
  timeout: 'The server did not answer in time.',
  tls_untrusted: 'The server certificate is not trusted.',
  tls_failed: 'The secure connection could not be established.',
  too_large: 'The answer was too large.',
  redirect_refused: 'The server redirected to an address that is not followed.',
  aborted: 'The request was cancelled.',
};

/** A failed outbound call. `message` is fixed per kind and safe to log; it never carries upstream text. */
export class NetError extends Error {
  override readonly name = 'NetError';
  readonly kind: NetErrorKind;
  /** The peer certificate, for `tls_untrusted` (so the user can choose to trust exactly it). */
  readonly certificate: CertificateInfo | undefined;
  /** The OS/TLS error code (ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT…): for tests and logs, never for users. */
  readonly reason: string | undefined;
  /** Whether the request may have reached the server (a retry could repeat a login). */
  readonly sent: boolean;

  constructor(
    kind: NetErrorKind,
    opts: { certificate?: CertificateInfo; reason?: string; sent?: boolean } = {},
  ) {
    super(MESSAGES[kind]);
    this.kind = kind;
    this.certificate = opts.certificate;
    this.reason = opts.reason;
    this.sent = opts.sent ?? false;
  }
}

/** Narrow an unknown error to a NetError. */
export function isNetError(e: unknown): e is NetError {
  return e instanceof NetError;
}
