import * as z from 'zod/mini';

export const Locale = z.enum(['en', 'de']);
export type Locale = z.infer<typeof Locale>;

export const EndUser = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  name: z.optional(z.string().check(z.maxLength(200))),
  email: z.optional(z.email().check(z.maxLength(320))),
  organization: z.optional(z.string().check(z.maxLength(200))),
});
export type EndUser = z.infer<typeof EndUser>;

export const Environment = z.enum(['test', 'live']);
export type Environment = z.infer<typeof Environment>;

/** What the widget learns about its own session. */
export const SessionInfo = z.object({
  id: z.string(),
  environment: Environment,
  end_user: EndUser,
  systems: z.nullable(z.array(z.string())),
  locale: z.nullable(Locale),
  expires_at: z.iso.datetime(),
  host: z.object({ name: z.string(), logo_url: z.nullable(z.string()) }),
  reconnect: z.nullable(
    z.object({
      connection_id: z.string(),
      system_id: z.string(),
      auth_method: z.string(),
      instance_url: z.nullable(z.string()),
    }),
  ),
  /** The attempt in progress or finished in this session, so a reload returns to the same step. */
  last_attempt_id: z.nullable(z.string()),
});
export type SessionInfo = z.infer<typeof SessionInfo>;
