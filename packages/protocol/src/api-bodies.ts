import * as z from 'zod/mini';
import { CertificateInfo } from './attempts';
import { ConnectionStatus, ConnectionView } from './connection';
import { EndUser, Locale } from './session';

/**
 * Request bodies the server validates, and the answers only a server-side client reads. They live apart
 * from the schemas the widget parses so a browser bundle leaves them out: the package declares
 * `sideEffects: false`, and nothing on the widget's side imports this module.
 */

/** An origin such as https://app.example.com, with no path, and never a wildcard. */
export const Origin = z.string().check(
  z.maxLength(300),
  z.refine((s) => {
    try {
      const u = new URL(s);
      // WHATWG URL keeps `*` in a host (https://*.example.com is a valid origin to it): refuse it here.
      return (
        (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === s && !u.hostname.includes('*')
      );
    } catch {
      return false;
    }
  }, 'Must be an origin such as https://app.example.com (scheme, host and port; no path, no wildcard).'),
);

export const CreateSessionBody = z.strictObject({
  end_user: EndUser,
  systems: z.optional(
    z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.minLength(1), z.maxLength(500)),
  ),
  reconnect_connection_id: z.optional(z.string().check(z.maxLength(100))),
  allowed_origins: z.optional(z.array(Origin).check(z.maxLength(20))),
  locale: z.optional(Locale),
  metadata: z.optional(z.record(z.string().check(z.maxLength(100)), z.string().check(z.maxLength(500)))),
});
export type CreateSessionBody = z.infer<typeof CreateSessionBody>;

export const CreateSessionResponse = z.object({
  session_token: z.string(),
  connect_url: z.string(),
  expires_at: z.iso.datetime(),
});
export type CreateSessionResponse = z.infer<typeof CreateSessionResponse>;

export const CreateAttemptBody = z.strictObject({
  system_id: z.string().check(z.minLength(1), z.maxLength(100)),
  auth_method: z.string().check(z.minLength(1), z.maxLength(100)),
  values: z.record(z.string().check(z.maxLength(100)), z.string().check(z.maxLength(65536))),
  /** SHA-256 fingerprint of a certificate the user chose to trust (from a TLS_UNTRUSTED error). */
  trust_certificate_sha256: z.optional(CertificateInfo.shape.sha256),
});
export type CreateAttemptBody = z.infer<typeof CreateAttemptBody>;

export const Account = z.object({
  user: z.optional(z.string()),
  display_name: z.optional(z.string()),
  tenant: z.optional(z.string()),
  company: z.optional(z.string()),
});
export type Account = z.infer<typeof Account>;

export const VerifiedEntity = z.object({ id: z.string(), label: z.string(), ok: z.boolean() });
export type VerifiedEntity = z.infer<typeof VerifiedEntity>;

export const ProbeBody = z.strictObject({
  system_id: z.string().check(z.minLength(1), z.maxLength(100)),
  url: z.string().check(z.maxLength(2048)),
});
export type ProbeBody = z.infer<typeof ProbeBody>;

export const ExchangeBody = z.strictObject({
  public_token: z.string().check(z.minLength(1), z.maxLength(200)),
});
export type ExchangeBody = z.infer<typeof ExchangeBody>;

export const ExchangeResponse = z.object({
  connection_id: z.string(),
  access_token: z.string(),
  connection: ConnectionView,
});
export type ExchangeResponse = z.infer<typeof ExchangeResponse>;

export const ConnectionList = z.object({
  data: z.array(ConnectionView),
  next_cursor: z.nullable(z.string()),
});
export type ConnectionList = z.infer<typeof ConnectionList>;

export const ListConnectionsQuery = z.strictObject({
  end_user_id: z.optional(z.string().check(z.maxLength(200))),
  status: z.optional(ConnectionStatus),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(100))),
  cursor: z.optional(z.string().check(z.maxLength(500))),
});
export type ListConnectionsQuery = z.infer<typeof ListConnectionsQuery>;

export const RequestSystemBody = z.strictObject({
  system_id: z.optional(z.string().check(z.maxLength(100))),
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  note: z.optional(z.string().check(z.maxLength(2000))),
});
export type RequestSystemBody = z.infer<typeof RequestSystemBody>;
