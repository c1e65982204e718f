import * as z from 'zod/mini';
import { ConnectionView } from './connection';
import { AttemptError } from './attempts';
import { WidgetEventMetadata, WidgetEventName } from './widget-events';

/** Protocol version carried by every message; a receiver drops other versions. */
export const MESSAGE_VERSION = 1;

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
    error: z.nullable(AttemptError),
    metadata: WidgetEventMetadata,
  }),
  z.strictObject({
    source: z.literal('flange'),
    v,
    type: z.literal('resize'),
    height: z.number().check(z.int(), z.gte(0)),
  }),
]);
export type FrameToHostMessage = z.infer<typeof FrameToHostMessage>;
