import * as z from 'zod/mini';
import { MESSAGE_VERSION } from './messages';
import { Locale } from './session';

/**
 * The host page's side of the iframe protocol: what it sends into the hosted flow. Only the iframe
 * parses these, so they live apart from the messages a host page parses (`messages.ts`), and a host's
 * bundle leaves them out.
 */

export const Theme = z.object({
  mode: z.optional(z.enum(['light', 'dark', 'system'])),
  primary_color: z.optional(z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/))),
  radius_px: z.optional(z.number().check(z.int(), z.gte(0), z.lte(24))),
  font_family: z.optional(z.string().check(z.maxLength(200))),
});
export type Theme = z.infer<typeof Theme>;

const v = z.literal(MESSAGE_VERSION);

/** Messages the host page sends into the iframe. The session token travels only here, after `ready`. */
export const HostToFrameMessage = z.discriminatedUnion('type', [
  z.strictObject({
    source: z.literal('flange-host'),
    v,
    type: z.literal('init'),
    session_token: z.string(),
    locale: z.optional(Locale),
    theme: z.optional(Theme),
  }),
  z.strictObject({ source: z.literal('flange-host'), v, type: z.literal('close') }),
]);
export type HostToFrameMessage = z.infer<typeof HostToFrameMessage>;
