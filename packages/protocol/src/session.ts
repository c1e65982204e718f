import * as z from 'zod';

export const Locale = z.enum(['en', 'de']);
export type Locale = z.infer<typeof Locale>;

export const EndUser = z.strictObject({
  id: z.string().min(1).max(200),
  name: z.string().max(200).optional(),
  email: z.email().max(320).optional(),
  organization: z.string().max(200).optional(),
});
export type EndUser = z.infer<typeof EndUser>;

/** An origin such as https://app.example.com, with no path, and never a wildcard. */
export const Origin = z
  .string()
  .max(300)
  .refine((s) => {
    try {
      const u = new URL(s);
      // WHATWG URL keeps `*` in a host (https://*.example.com is a valid origin to it): refuse it here.
      return (
        (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === s && !u.hostname.includes('*')
      );
    } catch {
      return false;
    }
  }, 'Must be an origin such as https://app.example.com (scheme, host and port; no path, no wildcard).');

export const CreateSessionBody = z.strictObject({
  end_user: EndUser,
  systems: z.array(z.string().min(1).max(100)).min(1).max(500).optional(),
  reconnect_connection_id: z.string().max(100).optional(),
  allowed_origins: z.array(Origin).max(20).optional(),
  locale: Locale.optional(),
  metadata: z.record(z.string().max(100), z.string().max(500)).optional(),
});
export type CreateSessionBody = z.infer<typeof CreateSessionBody>;

export const CreateSessionResponse = z.object({
  session_token: z.string(),
  connect_url: z.string(),
  expires_at: z.iso.datetime(),
});
export type CreateSessionResponse = z.infer<typeof CreateSessionResponse>;

export const Environment = z.enum(['test', 'live']);
export type Environment = z.infer<typeof Environment>;

/** What the widget learns about its own session. */
export const SessionInfo = z.object({
  id: z.string(),
  environment: Environment,
  end_user: EndUser,
  systems: z.array(z.string()).nullable(),
  locale: Locale.nullable(),
  expires_at: z.iso.datetime(),
  host: z.object({ name: z.string(), logo_url: z.string().nullable() }),
  reconnect: z
    .object({
      connection_id: z.string(),
      system_id: z.string(),
      auth_method: z.string(),
      instance_url: z.string().nullable(),
    })
    .nullable(),
  /** The attempt in progress or finished in this session, so a reload returns to the same step. */
  last_attempt_id: z.string().nullable(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;
