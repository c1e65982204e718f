import type { WebhookSend } from './ports';

/**
 * A sender over plain fetch, for tests against receivers on loopback and for tools. It never follows
 * redirects, but it applies no SSRF rules: production wiring passes the guarded client of @flange/connectors.
 */
export function fetchSend(fetchImpl: typeof fetch = fetch): WebhookSend {
  return async (url, init) => fetchImpl(url, init);
}
