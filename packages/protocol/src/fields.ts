import * as z from 'zod';
import { normalizeInstanceUrl, URL_PROBLEM_MESSAGES } from './url';
import type { NormalizedUrl } from './url';

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
  key: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: z.string(),
  kind: z.enum(['url', 'text', 'secret', 'select', 'textarea', 'file', 'otp']),
  required: z.boolean(),
  format: FieldFormat.optional(),
  placeholder: z.string().optional(),
  help: z.string().optional(),
  /** Anchor into the connector's guide: the per-field help link. */
  guide_anchor: z.string().optional(),
  pattern: z.string().optional(),
  pattern_message: z.string().optional(),
  min_length: z.number().int().nonnegative().optional(),
  max_length: z.number().int().positive().optional(),
  options: z.array(FieldOption).optional(),
  default_value: z.string().optional(),
  /** For `url` fields: keep the path prefix (products installed under a context path). */
  keep_path: z.boolean().optional(),
  /** For `file` fields: accepted extension, e.g. `.ionapi`; the browser reads the file as text. */
  accept: z.string().optional(),
  autocomplete: z.string().optional(),
});
export type FieldSpec = z.infer<typeof FieldSpec>;

/** Why a value was refused, as a stable key a UI translates (with `params`); `message` is the English text. */
export type FieldProblem =
  | 'required'
  | 'min_length'
  | 'max_length'
  | 'choice'
  | `url_${Exclude<NormalizedUrl, { ok: true }>['reason']}`
  | `format_${Exclude<FieldFormat, 'url' | 'none'>}`
  | 'pattern';

/** The outcome of checking one value, with the reason key and its parameters when it is refused. */
export type FieldCheck =
  | { ok: true; value: string }
  | { ok: false; message: string; problem: FieldProblem; params: Record<string, string | number> };

const FORMAT_CHECKS: Record<Exclude<FieldFormat, 'url' | 'none'>, { re: RegExp; message: string }> = {
  guid: {
    re: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    message: 'Enter a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47.',
  },
  sap_client: { re: /^\d{3}$/, message: 'The SAP client is three digits, such as 100.' },
  netsuite_account: {
    re: /^[0-9]+(_SB\d+|_RP\d*)?$/i,
    message: 'The account ID is digits, with _SB1 for a sandbox (Setup → Company → Company Information).',
  },
  hex40: { re: /^[0-9a-f]{40}$/i, message: 'The key is 40 hexadecimal characters.' },
  ariba_anid: { re: /^AN\d+$/, message: 'The network ID starts with AN followed by digits.' },
  email: { re: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, message: 'Enter an email address.' },
  digits: { re: /^\d+$/, message: 'Enter digits only.' },
};

/**
 * Check one value against its field spec: the cleaned value, or why it is refused as a translatable
 * `problem` key with `params` (label, limits) beside the English `message`.
 */
export function explainField(field: FieldSpec, input: string | undefined): FieldCheck {
  const label = field.label;
  const refuse = (
    problem: FieldProblem,
    message: string,
    params: Record<string, string | number> = {},
  ): FieldCheck => ({
    ok: false,
    message,
    problem,
    params: { label, ...params },
  });
  const value =
    field.kind === 'secret' || field.kind === 'textarea' || field.kind === 'file'
      ? (input ?? '')
      : (input ?? '').trim();
  if (value === '') {
    return field.required ? refuse('required', `${label} is required.`) : { ok: true, value: '' };
  }
  if (field.min_length !== undefined && value.length < field.min_length)
    return refuse('min_length', `${label} is at least ${field.min_length} characters.`, {
      min: field.min_length,
    });
  if (field.max_length !== undefined && value.length > field.max_length)
    return refuse('max_length', `${label} is at most ${field.max_length} characters.`, {
      max: field.max_length,
    });
  if (field.kind === 'select' && field.options && !field.options.some((o) => o.value === value))
    return refuse('choice', `Choose one of the listed values for ${label}.`);
  if (field.format === 'url' || field.kind === 'url') {
    const n = normalizeInstanceUrl(value, { keepPath: field.keep_path === true });
    return n.ok ? { ok: true, value: n.url } : refuse(`url_${n.reason}`, URL_PROBLEM_MESSAGES[n.reason]);
  }
  if (field.format !== undefined && field.format !== 'none') {
    const check = FORMAT_CHECKS[field.format];
    if (!check.re.test(value)) return refuse(`format_${field.format}`, check.message);
  }
  if (field.pattern !== undefined && !new RegExp(field.pattern).test(value))
    return refuse('pattern', field.pattern_message ?? `${label} does not have the expected format.`);
  return { ok: true, value };
}

/** Check one value against its field spec; returns the cleaned value or a message for the user. */
export function checkField(
  field: FieldSpec,
  input: string | undefined,
): { ok: true; value: string } | { ok: false; message: string } {
  const r = explainField(field, input);
  return r.ok ? r : { ok: false, message: r.message };
}

/** Check every field of a form: cleaned values, or one message per failing field key. */
export function checkFields(
  fields: readonly FieldSpec[],
  values: Readonly<Record<string, string | undefined>>,
): { ok: true; values: Record<string, string> } | { ok: false; errors: Record<string, string> } {
  const out: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const r = checkField(f, values[f.key]);
    if (r.ok) {
      if (r.value !== '') out[f.key] = r.value;
    } else errors[f.key] = r.message;
  }
  const unknown = Object.keys(values).filter((k) => !fields.some((f) => f.key === k));
  for (const k of unknown) errors[k] = `Unknown field ${k}.`;
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values: out };
}

/** A zod schema for a form's values built from its spec, for places that want a schema. */
export function fieldsSchema(fields: readonly FieldSpec[]): z.ZodType<Record<string, string>> {
  return z.record(z.string(), z.string().max(65536)).transform((values, ctx) => {
    const r = checkFields(fields, values);
    if (r.ok) return r.values;
    for (const [key, message] of Object.entries(r.errors))
      ctx.addIssue({ code: 'custom', path: [key], message });
    return z.NEVER;
  });
}
