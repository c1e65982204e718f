/**
 * The exact origin of an http(s) URL, or null. An opaque origin ('null', file:, data:) is never a
 * valid peer for the postMessage protocol.
 */
export function httpOrigin(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  return parsed.origin;
}
