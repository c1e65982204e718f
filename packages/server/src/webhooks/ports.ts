import type { Environment } from '@flange/protocol';

/** Which environment a host request or an event belongs to: the row key and its test/live kind. */
export interface EnvScope {
  environmentId: string;
  environment: Environment;
}

/**
 * Seals the signing secrets at rest (the server passes its AES-256-GCM keyring). `context` binds a
 * ciphertext to its row, so a sealed secret pasted into another endpoint does not open.
 */
export interface SecretBox {
  seal(plaintext: string, context: string): string | Promise<string>;
  open(sealed: string, context: string): string | Promise<string>;
}

/**
 * Checks a webhook URL against the SSRF rules before it is stored: null when allowed, otherwise a reason
 * safe to show the host. Delivery goes through the guarded sender as well, so DNS changes after
 * registration are caught there.
 */
export type UrlGuard = (url: string) => Promise<string | null>;

/** What `send` answers; the body is never read, only released. */
export interface SendResponse {
  status: number;
  headers: { get(name: string): string | null };
  body?: { cancel(): Promise<void> } | null;
}

export interface SendInit {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  redirect: 'manual';
  signal: AbortSignal;
}

/**
 * The outbound HTTP call, fetch-shaped. Main wiring passes the guarded client of @flange/connectors (SSRF
 * rules, pinned DNS, no redirects); tests pass fetch against receivers on loopback.
 */
export type WebhookSend = (url: string, init: SendInit) => Promise<SendResponse>;
