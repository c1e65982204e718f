import type { WebhookAttemptErrorClass } from '@flange/protocol';

/** NetError kinds (the guarded client of @flange/connectors) that mean the URL itself is refused. */
const REFUSED_KINDS = new Set([
  'url_invalid',
  'userinfo',
  'http_not_allowed',
  'port_not_allowed',
  'address_blocked',
]);

/** Timeouts and SSRF refusals get their own class; everything else thrown by a send is a network error. */
export function classifySendError(error: unknown): WebhookAttemptErrorClass {
  const e = error as {
    name?: unknown;
    code?: unknown;
    kind?: unknown;
    cause?: { code?: unknown; name?: unknown };
  } | null;
  if (typeof e?.kind === 'string') {
    if (REFUSED_KINDS.has(e.kind)) return 'url_not_allowed';
    if (e.kind === 'timeout' || e.kind === 'aborted') return 'timeout';
    return 'network';
  }
  const code = e?.code ?? e?.cause?.code;
  const name = e?.name ?? e?.cause?.name;
  if (name === 'TimeoutError' || name === 'AbortError' || code === 'UND_ERR_CONNECT_TIMEOUT')
    return 'timeout';
  return 'network';
}
