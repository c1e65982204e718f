import type { JsonTemplate, Template } from './definition';

/** Thrown when a template names something that is not there: a definition bug, not a user error. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

const FILTERS: Record<string, (s: string) => string> = {
  urlencode: (s) => encodeURIComponent(s),
  base64: (s) => Buffer.from(s, 'utf8').toString('base64'),
  lower: (s) => s.toLowerCase(),
  upper: (s) => s.toUpperCase(),
  xml: (s) =>
    s
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;'),
  json: (s) => JSON.stringify(s).slice(1, -1),
};

/**
 * Fill `{name}` / `{name|filter|filter}` placeholders from `scope`. `{{` and `}}` are literal braces.
 * A missing name throws: silently sending "undefined" to a customer's system is worse than failing.
 */
export function render(template: Template, scope: Readonly<Record<string, string>>): string {
  return template.replace(
    /\{\{|\}\}|\{([a-zA-Z_][a-zA-Z0-9_.]*)((?:\|[a-z0-9]+)*)\}/g,
    (whole, name: string | undefined, filters: string) => {
      if (whole === '{{') return '{';
      if (whole === '}}') return '}';
      const value = scope[name!];
      if (value === undefined) throw new TemplateError(`Template names {${name}}, which has no value`);
      return filters
        .split('|')
        .filter((f) => f !== '')
        .reduce((acc, f) => {
          const fn = FILTERS[f];
          if (fn === undefined) throw new TemplateError(`Unknown template filter |${f}`);
          return fn(acc);
        }, value);
    },
  );
}

/** Render every value of a record. */
export function renderRecord(
  record: Readonly<Record<string, Template>> | undefined,
  scope: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(record ?? {})) out[k] = render(v, scope);
  return out;
}

/** Render the string leaves of a JSON template. */
export function renderJson(t: JsonTemplate, scope: Readonly<Record<string, string>>): unknown {
  if (typeof t === 'string') return render(t, scope);
  if (Array.isArray(t)) return t.map((x) => renderJson(x, scope));
  if (t !== null && typeof t === 'object') {
    return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, renderJson(v, scope)]));
  }
  return t;
}
