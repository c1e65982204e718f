import { isIP } from 'node:net';
import { BAD_PORTS, stripBrackets } from './address-policy';
import { NetError } from './net-error';

/** Where one request goes, after the URL was parsed, overridden and checked. */
export interface Target {
  /** The URL actually requested (after a host override). */
  url: URL;
  /** Host name or IP literal without brackets, as the WHATWG parser normalized it. */
  hostname: string;
  port: number;
  secure: boolean;
  /** The host is an IP literal: no DNS lookup happens, so it is checked directly. */
  ipLiteral: boolean;
  /** The URL was rewritten by a host override (operator configuration). */
  overridden: boolean;
}

export interface TargetRules {
  allowHttp: boolean;
  hostOverrides: Readonly<Record<string, string>>;
}

/**
 * Parse and check a URL before any network activity: http(s) only, no userinfo, http only when allowed,
 * no "bad" ports. A host override (a fixed cloud host sent to a local simulator) rewrites scheme, host and
 * port; override targets come from operator config, so plain http is accepted for them.
 */
export function resolveTarget(input: string | URL, rules: TargetRules): Target {
  let url: URL;
  try {
    url = new URL(typeof input === 'string' ? input : input.href);
  } catch {
    throw new NetError('url_invalid');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new NetError('url_invalid');
  if (url.username !== '' || url.password !== '') throw new NetError('userinfo');
  let overridden = false;
  const override = lookupOverride(rules.hostOverrides, url);
  if (override !== undefined) {
    let to: URL;
    try {
      to = new URL(override);
    } catch {
      throw new NetError('url_invalid');
    }
    const rewritten = new URL(
      `${to.protocol}//${to.host}${to.pathname.replace(/\/+$/, '')}${url.pathname}${url.search}`,
    );
    url = rewritten;
    overridden = true;
  }
  if (url.protocol === 'http:' && !rules.allowHttp && !overridden) throw new NetError('http_not_allowed');
  const hostname = stripBrackets(url.hostname);
  if (hostname === '') throw new NetError('url_invalid');
  const secure = url.protocol === 'https:';
  const port = url.port === '' ? (secure ? 443 : 80) : Number(url.port);
  if (BAD_PORTS.has(port)) throw new NetError('port_not_allowed');
  return { url, hostname, port, secure, ipLiteral: isIP(hostname) !== 0, overridden };
}

/** The override for a URL's host (`host` or `host:port` keys, case-insensitive). */
function lookupOverride(overrides: Readonly<Record<string, string>>, url: URL): string | undefined {
  const host = url.host.toLowerCase();
  const hostname = url.hostname.toLowerCase();
  for (const [key, value] of Object.entries(overrides)) {
    const k = key.toLowerCase();
    if (k === host || k === hostname) return value;
  }
  return undefined;
}

/** Same scheme, host and port. */
export function sameOrigin(a: URL, b: URL): boolean {
  return a.origin === b.origin;
}
