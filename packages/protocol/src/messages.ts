import * as z from 'zod';
import { ConnectionView } from './connection';
import { AttemptError } from './attempts';
import { Locale } from './session';
import { WidgetEventMetadata, WidgetEventName } from './widget-events';

/** Protocol version carried by every message; a receiver drops other versions. */
export const MESSAGE_VERSION = 1;

export const Theme = z.object({
  mode: z.enum(['light', 'dark', 'system']).optional(),
  primary_color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .optional(),
  radius_px: z.number().int().min(0).max(24).optional(),
  font_family: z.string().max(200).optional(),
});
export type Theme = z.infer<typeof Theme>;

const v = z.literal(MESSAGE_VERSION);

/** Messages the hosted flow (inside the iframe) sends to the host page. */
export const FrameToHostMessage = z.discriminatedUnion('type', [
  z.strictObject({ source: z.literal('flange'), v, type: z.literal('ready') }),
  z.strictObject({
    source: z.literal('flange'),
    v,
    type: z.literal('event'),
    name: WidgetEventName,
    metadata: WidgetEventMetadata,
  }),
  z.strictObject({
    source: z.literal('flange'),
    v,
    type: z.literal('success'),
    public_token: z.string(),
    connection: ConnectionView,
  }),
  z.strictObject({
    source: z.literal('flange'),
    v,
    type: z.literal('exit'),
    error: AttemptError.nullable(),
    metadata: WidgetEventMetadata,
  }),
  z.strictObject({
    source: z.literal('flange'),
    v,
    type: z.literal('resize'),
    height: z.number().int().min(0),
  }),
]);
export type FrameToHostMessage = z.infer<typeof FrameToHostMessage>;

/** Messages the host page sends into the iframe. The session token travels only here, after `ready`. */
export const HostToFrameMessage = z.discriminatedUnion('type', [
  z.strictObject({
    source: z.literal('flange-host'),
    v,
    type: z.literal('init'),
    session_token: z.string(),
    locale: Locale.optional(),
    theme: Theme.optional(),
  }),
  z.strictObject({ source: z.literal('flange-host'), v, type: z.literal('close') }),
]);
export type HostToFrameMessage = z.infer<typeof HostToFrameMessage>;
