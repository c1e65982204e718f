/**
 * Token shapes (ARCHITECTURE §1). Prefixes say what a token is and which environment it belongs to,
 * so scanners and our own middleware can reject the wrong kind without a lookup.
 */
export const TOKEN_PATTERNS = {
  secret_key: /^flk_(test|live)_[0-9A-Za-z]{32,}$/,
  session: /^fls_[0-9A-Za-z]{32,}$/,
  public: /^flp_[0-9A-Za-z]{32,}$/,
  connection: /^flc_(test|live)_[0-9A-Za-z]{32,}_[0-9A-Za-z]{6}$/,
  handoff: /^flh_[0-9A-Za-z]{32,}$/,
} as const;
export type TokenKind = keyof typeof TOKEN_PATTERNS;

/** Which kind a bearer token claims to be by its prefix, before any check. */
export function tokenKind(token: string): TokenKind | null {
  if (token.startsWith('flk_')) return 'secret_key';
  if (token.startsWith('fls_')) return 'session';
  if (token.startsWith('flp_')) return 'public';
  if (token.startsWith('flc_')) return 'connection';
  if (token.startsWith('flh_')) return 'handoff';
  return null;
}
