import * as z from 'zod/mini';

/** Stable names of the events the widget reports to the host through onEvent. */
export const WidgetEventName = z.enum([
  'OPEN',
  'SEARCH',
  'SELECT_SYSTEM',
  'PROBE',
  'SUBMIT_CREDENTIALS',
  'STEP',
  'ERROR',
  'HANDOFF',
  'REQUEST_SYSTEM',
  'SUCCESS',
  'EXIT',
]);
export type WidgetEventName = z.infer<typeof WidgetEventName>;

/** Metadata of a widget event: flat, safe values only (never a credential). */
export const WidgetEventMetadata = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]),
);
export type WidgetEventMetadata = z.infer<typeof WidgetEventMetadata>;
