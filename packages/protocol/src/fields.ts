import * as z from 'zod/mini';

/** Well-known value formats checked as the user types and again on the server. */
export const FieldFormat = z.enum([
  'url',
  'guid',
  'sap_client',
  'netsuite_account',
  'hex40',
  'ariba_anid',
  'email',
  'digits',
  'none',
]);
export type FieldFormat = z.infer<typeof FieldFormat>;

export const FieldOption = z.object({ value: z.string(), label: z.string() });

/** One input of a connector's form. The same spec drives the browser form and the server check. */
export const FieldSpec = z.object({
  key: z.string().check(z.regex(/^[a-z][a-z0-9_]*$/)),
  label: z.string(),
  kind: z.enum(['url', 'text', 'secret', 'select', 'textarea', 'file', 'otp']),
  required: z.boolean(),
  format: z.optional(FieldFormat),
  placeholder: z.optional(z.string()),
  help: z.optional(z.string()),
  /** Anchor into the connector's guide: the per-field help link. */
  guide_anchor: z.optional(z.string()),
  pattern: z.optional(z.string()),
  pattern_message: z.optional(z.string()),
  min_length: z.optional(z.number().check(z.int(), z.nonnegative())),
  max_length: z.optional(z.number().check(z.int(), z.positive())),
  options: z.optional(z.array(FieldOption)),
  default_value: z.optional(z.string()),
  /** For `url` fields: keep the path prefix (products installed under a context path). */
  keep_path: z.optional(z.boolean()),
  /** For `file` fields: accepted extension, e.g. `.ionapi`; the browser reads the file as text. */
  accept: z.optional(z.string()),
  autocomplete: z.optional(z.string()),
});
export type FieldSpec = z.infer<typeof FieldSpec>;
