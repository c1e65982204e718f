/** Result of turning whatever the user pasted into an instance base URL. */
export type NormalizedUrl =
  | { ok: true; url: string; host: string; changed: boolean }
  | { ok: false; reason: 'empty' | 'invalid' | 'scheme' | 'userinfo' | 'no_host' };

/**
 * Normalize a pasted address (a browser tab URL with paths, query and fragment, or a bare host) into the
 * instance base URL: scheme + host + port, plus the path prefix when `keepPath` is set (products
 * installed under a context path). Pure: runs in the browser and on the server alike.
 */
export function normalizeInstanceUrl(input: string, opts: { keepPath?: boolean } = {}): NormalizedUrl {
  const raw = input.trim();
  if (raw === '') return { ok: false, reason: 'empty' };
  // Control characters (CRLF injection) and backslashes (parser confusion) never belong in an address.
  // eslint-disable-next-line no-control-regex
  if (/[\s\\]/.test(raw) || /[\u0000-\u001f]/.test(raw)) return { ok: false, reason: 'invalid' };
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw);
  const isHostPort = /^[^/:]+:\d+(\/|$)/.test(raw);
  const candidate = hasScheme && !isHostPort ? raw : `https://${raw}`;
  let parsed: URL;
  try {
    parsed = new URL(candidate);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { ok: false, reason: 'scheme' };
  if (parsed.username !== '' || parsed.password !== '') return { ok: false, reason: 'userinfo' };
  if (parsed.hostname === '') return { ok: false, reason: 'no_host' };
  let path = '';
  if (opts.keepPath === true) path = parsed.pathname.replace(/\/+$/, '');
  const url = `${parsed.protocol}//${parsed.host}${path}`;
  return { ok: true, url, host: parsed.hostname, changed: url !== raw };
}

/** Human text for a normalization failure, keyed by reason (the UI translates through its catalog). */
export const URL_PROBLEM_MESSAGES: Record<Exclude<NormalizedUrl, { ok: true }>['reason'], string> = {
  empty: 'Enter the address of your instance.',
  invalid: 'This is not a valid web address.',
  scheme: 'The address must start with https:// (or http:// for a server on your network).',
  userinfo: 'Remove the user name and password from the address; enter them in their own fields.',
  no_host: 'The address has no host name.',
};
