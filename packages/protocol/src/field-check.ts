import * as z from 'zod/mini';
import type { FieldFormat, FieldSpec } from './fields';
import { normalizeInstanceUrl, URL_PROBLEM_MESSAGES } from './url';
import type { NormalizedUrl } from './url';

// Apart from fields.ts (the schemas): the browser needs the schemas with the catalog, these checks only
// once a form is shown, so bundlers can leave them in the form's lazy chunk.

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

/** A refused value as a reason key and its parameters, without the English sentence. */
export type FieldRefusal = Omit<Extract<FieldCheck, { ok: false }>, 'message'>;

type Format = Exclude<FieldFormat, 'url' | 'none'>;

const FORMAT_PATTERNS: Record<Format, RegExp> = {
  guid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  sap_client: /^\d{3}$/,
  netsuite_account: /^[0-9]+(_SB\d+|_RP\d*)?$/i,
  hex40: /^[0-9a-f]{40}$/i,
  ariba_anid: /^AN\d+$/,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  digits: /^\d+$/,
};

// Only explainField reads the English sentences: a widget that translates the reason keys (judgeField)
// leaves them out of its bundle.
const FORMAT_MESSAGES: Record<Format, string> = {
  guid: 'Enter a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47.',
  sap_client: 'The SAP client is three digits, such as 100.',
  netsuite_account:
    'The account ID is digits, with _SB1 for a sandbox (Setup → Company → Company Information).',
  hex40: 'The key is 40 hexadecimal characters.',
  ariba_anid: 'The network ID starts with AN followed by digits.',
  email: 'Enter an email address.',
  digits: 'Enter digits only.',
};

/**
 * Check one value against its field spec: the cleaned value, or why it is refused as a translatable
 * `problem` key with `params` (label, limits). explainField adds the English sentence.
 */
export function judgeField(
  field: FieldSpec,
  input: string | undefined,
): { ok: true; value: string } | FieldRefusal {
  const refuse = (problem: FieldProblem, params: Record<string, string | number> = {}): FieldRefusal => ({
    ok: false,
    problem,
    params: { label: field.label, ...params },
  });
  const value =
    field.kind === 'secret' || field.kind === 'textarea' || field.kind === 'file'
      ? (input ?? '')
      : (input ?? '').trim();
  if (value === '') return field.required ? refuse('required') : { ok: true, value: '' };
  if (field.min_length !== undefined && value.length < field.min_length)
    return refuse('min_length', { min: field.min_length });
  if (field.max_length !== undefined && value.length > field.max_length)
    return refuse('max_length', { max: field.max_length });
  if (field.kind === 'select' && field.options && !field.options.some((o) => o.value === value))
    return refuse('choice');
  if (field.format === 'url' || field.kind === 'url') {
    const n = normalizeInstanceUrl(value, { keepPath: field.keep_path === true });
    return n.ok ? { ok: true, value: n.url } : refuse(`url_${n.reason}`);
  }
  if (field.format !== undefined && field.format !== 'none' && !FORMAT_PATTERNS[field.format].test(value))
    return refuse(`format_${field.format}`);
  if (field.pattern !== undefined && !new RegExp(field.pattern).test(value)) return refuse('pattern');
  return { ok: true, value };
}

/** The English sentence for a refusal: what the server answers (a UI translates `problem` instead). */
function englishMessage(field: FieldSpec, { problem, params }: FieldRefusal): string {
  const { label } = field;
  if (problem.startsWith('url_'))
    return URL_PROBLEM_MESSAGES[problem.slice(4) as keyof typeof URL_PROBLEM_MESSAGES];
  if (problem.startsWith('format_')) return FORMAT_MESSAGES[problem.slice(7) as Format];
  switch (problem) {
    case 'required':
      return `${label} is required.`;
    case 'min_length':
      return `${label} is at least ${params['min']} characters.`;
    case 'max_length':
      return `${label} is at most ${params['max']} characters.`;
    case 'choice':
      return `Choose one of the listed values for ${label}.`;
    default:
      return field.pattern_message ?? `${label} does not have the expected format.`;
  }
}

/**
 * Check one value against its field spec: the cleaned value, or why it is refused as a translatable
 * `problem` key with `params` (label, limits) beside the English `message`.
 */
export function explainField(field: FieldSpec, input: string | undefined): FieldCheck {
  const r = judgeField(field, input);
  return r.ok ? r : { ...r, message: englishMessage(field, r) };
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
export function fieldsSchema(fields: readonly FieldSpec[]): z.ZodMiniType<Record<string, string>> {
  return z.pipe(
    z.record(z.string(), z.string().check(z.maxLength(65536))),
    z.transform((values: Record<string, string>, ctx) => {
      const r = checkFields(fields, values);
      if (r.ok) return r.values;
      for (const [key, message] of Object.entries(r.errors))
        ctx.issues.push({ code: 'custom', path: [key], message, input: values });
      return z.NEVER;
    }),
  );
}
