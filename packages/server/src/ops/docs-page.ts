import { ERROR_STATUS, ERROR_TITLES } from '@flange/protocol';
import type { ErrorCode } from '@flange/protocol';
import { DOCS_CSS } from './docs-style';
import type { JsonSchema, OpenApiDocument, OpenApiOperation } from './openapi-document';

/** Where the per-response nonce goes; replaced on every answer so the page itself is rendered once. */
export const NONCE_SLOT = '__FLANGE_DOCS_NONCE__';

const METHODS = ['get', 'post', 'patch', 'delete'] as const;

const AUTH_LABELS: Record<string, string> = {
  SecretKey: 'Secret key — <code>Authorization: Bearer flk_…</code> (your backend only)',
  SessionToken: 'Connect session token — <code>Authorization: Bearer fls_…</code> (the widget)',
  ConnectionToken: 'Connection token — <code>Authorization: Bearer flc_…</code> (your backend only)',
  HandoffToken: 'Hand-off secret — <code>Authorization: Bearer flh_…</code> (single use)',
  MetricsToken: 'Metrics token — <code>Authorization: Bearer &lt;FLANGE_METRICS_TOKEN&gt;</code>',
};

/** Escape text for HTML element content and double-quoted attributes. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Escaped text with `code spans` and blank-line paragraphs: the only markup the descriptions use. */
function prose(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeHtml(p.replace(/\s*\n\s*/g, ' ')).replace(/`([^`]+)`/g, '<code>$1</code>')}</p>`)
    .join('\n');
}

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const asSchema = (v: unknown): JsonSchema | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonSchema) : null;

/** A short human type for a JSON schema: `string (date-time) | null`, `"a" | "b"`, `Item[]`. */
export function typeLabel(schema: JsonSchema): string {
  const ref = schema['$ref'];
  if (typeof ref === 'string') return ref.split('/').pop() ?? ref;
  if ('const' in schema) return JSON.stringify(schema['const']);
  const en = schema['enum'];
  if (Array.isArray(en)) return en.map((v) => JSON.stringify(v)).join(' | ');
  for (const k of ['anyOf', 'oneOf'] as const) {
    const list = schema[k];
    if (Array.isArray(list)) {
      const labels = [...new Set(list.map((s) => typeLabel(asSchema(s) ?? {})))];
      return labels.join(' | ');
    }
  }
  const type = schema['type'];
  const types = Array.isArray(type) ? type.map(String) : typeof type === 'string' ? [type] : [];
  if (types.length === 0) return 'any';
  return types
    .map((t) => {
      if (t === 'array') return `${typeLabel(asSchema(schema['items']) ?? {})}[]`;
      if (t === 'object') {
        const extra = asSchema(schema['additionalProperties']);
        return schema['properties'] === undefined && extra ? `map of ${typeLabel(extra)}` : 'object';
      }
      const format = schema['format'];
      return typeof format === 'string' ? `${t} (${format})` : t;
    })
    .join(' | ');
}

/** Limits worth telling a developer (patterns only when short; formats already say the rest). */
function constraints(schema: JsonSchema): string[] {
  const out: string[] = [];
  const num = (k: string) => (typeof schema[k] === 'number' ? (schema[k] as number) : undefined);
  const pairs: [string, string][] = [
    ['minLength', 'min length'],
    ['maxLength', 'max length'],
    ['minimum', 'min'],
    ['maximum', 'max'],
    ['minItems', 'min items'],
    ['maxItems', 'max items'],
  ];
  for (const [k, label] of pairs) {
    const v = num(k);
    if (v !== undefined) out.push(`${label} ${v}`);
  }
  const pattern = schema['pattern'];
  if (typeof pattern === 'string' && schema['format'] === undefined && pattern.length <= 60)
    out.push(`pattern ${pattern}`);
  if ('default' in schema) out.push(`default ${JSON.stringify(schema['default'])}`);
  return out;
}

interface FieldRow {
  name: string;
  type: string;
  required: boolean;
  notes: string[];
}

/** Nullable wrappers (`anyOf: [X, null]`) unwrapped, so nested objects still show their fields. */
function unwrapNullable(schema: JsonSchema): JsonSchema {
  const list = schema['anyOf'];
  if (!Array.isArray(list)) return schema;
  const rest = list.map(asSchema).filter((s): s is JsonSchema => s !== null && s['type'] !== 'null');
  return rest.length === 1 && rest[0] ? rest[0] : schema;
}

/** Every field of an object schema, nested objects (and arrays of objects) as dotted names, 3 levels deep. */
export function fieldRows(schema: JsonSchema, prefix = '', depth = 0): FieldRow[] {
  const props = asSchema(schema['properties']);
  if (!props) return [];
  const required = Array.isArray(schema['required']) ? (schema['required'] as string[]) : [];
  const rows: FieldRow[] = [];
  for (const [name, raw] of Object.entries(props)) {
    const prop = asSchema(raw) ?? {};
    const full = `${prefix}${name}`;
    const desc = prop['description'];
    rows.push({
      name: full,
      type: typeLabel(prop),
      required: required.includes(name),
      notes: [...(typeof desc === 'string' ? [desc] : []), ...constraints(prop)],
    });
    if (depth >= 2) continue;
    const inner = unwrapNullable(prop);
    if (inner['type'] === 'object') rows.push(...fieldRows(inner, `${full}.`, depth + 1));
    const items = inner['type'] === 'array' ? asSchema(inner['items']) : null;
    if (items?.['type'] === 'object') rows.push(...fieldRows(items, `${full}[].`, depth + 1));
  }
  return rows;
}

function fieldsTable(rows: FieldRow[]): string {
  if (rows.length === 0) return '<p class="muted">No fields.</p>';
  const body = rows
    .map(
      (r) =>
        `<tr><td class="name"><code>${escapeHtml(r.name)}</code>${r.required ? ' <span class="req">required</span>' : ''}</td>` +
        `<td><code>${escapeHtml(r.type)}</code></td><td>${escapeHtml(r.notes.join('; '))}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>Field</th><th>Type</th><th>Notes</th></tr></thead><tbody>${body}</tbody></table>`;
}

function authOf(op: OpenApiOperation): string {
  const names = op.security.flatMap((s) => Object.keys(s));
  if (names.length === 0) return 'None';
  return names.map((n) => AUTH_LABELS[n] ?? escapeHtml(n)).join(' or ');
}

function parametersSection(op: OpenApiOperation): string {
  const params = op.parameters ?? [];
  if (params.length === 0) return '';
  const rows = params
    .map(
      (p) =>
        `<tr><td class="name"><code>${escapeHtml(p.name)}</code>${p.required ? ' <span class="req">required</span>' : ''}</td>` +
        `<td>${escapeHtml(p.in)}</td><td><code>${escapeHtml(typeLabel(p.schema))}</code></td>` +
        `<td>${escapeHtml(constraints(p.schema).join('; '))}</td></tr>`,
    )
    .join('');
  return `<h4>Parameters</h4><table><thead><tr><th>Name</th><th>In</th><th>Type</th><th>Notes</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function bodySection(op: OpenApiOperation): string {
  const schema = op.requestBody?.content['application/json']?.schema;
  if (!schema) return '';
  return `<h4>Request body <span class="muted">application/json</span></h4>${fieldsTable(fieldRows(schema))}`;
}

function responsesSection(op: OpenApiOperation): string {
  const parts: string[] = [];
  for (const [status, r] of Object.entries(op.responses)) {
    if (!/^2\d\d$/.test(status)) continue;
    const [type, media] = Object.entries(r.content ?? {})[0] ?? [];
    parts.push(
      `<p><strong>${escapeHtml(status)}</strong> ${type ? `<span class="muted">${escapeHtml(type)}</span>` : '<span class="muted">no body</span>'}</p>`,
    );
    if (type === 'application/json' && media) {
      const rows = fieldRows(unwrapNullable(media.schema));
      parts.push(
        rows.length > 0 ? fieldsTable(rows) : `<p><code>${escapeHtml(typeLabel(media.schema))}</code></p>`,
      );
    }
  }
  return `<h4>Response</h4>${parts.join('')}`;
}

function codeLink(code: ErrorCode): string {
  return `<a href="#error-${code.toLowerCase()}"><code>${code}</code></a> <span class="muted">${ERROR_STATUS[code]}</span>`;
}

function problemsSection(op: OpenApiOperation): string {
  const codes = op['x-problem-codes'];
  if (codes.length === 0) return '';
  return `<h4>Problem codes</h4><ul class="codes">${codes.map((c) => `<li>${codeLink(c)}</li>`).join('')}</ul>`;
}

function operationHtml(path: string, method: string, op: OpenApiOperation): string {
  return [
    `<article class="op" id="op-${escapeHtml(op.operationId)}">`,
    `<h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>`,
    `<p>${escapeHtml(op.summary)}</p>`,
    `<p class="auth"><strong>Authentication:</strong> ${authOf(op)}</p>`,
    parametersSection(op),
    bodySection(op),
    responsesSection(op),
    problemsSection(op),
    '</article>',
  ].join('\n');
}

function errorsSection(): string {
  const rows = (Object.keys(ERROR_STATUS) as ErrorCode[])
    .map(
      (c) =>
        `<tr id="error-${c.toLowerCase()}"><td class="name"><code>${c}</code></td><td>${ERROR_STATUS[c]}</td><td>${escapeHtml(ERROR_TITLES[c])}</td></tr>`,
    )
    .join('');
  return [
    '<section class="tag" id="errors"><h2>Error codes</h2>',
    '<p>Every error answer is <code>application/problem+json</code> (RFC 9457) with one of these codes. The set is closed: new codes are announced before they are sent. Besides the codes listed per endpoint, any endpoint may answer <code>TOKEN_IN_QUERY</code>, <code>METHOD_NOT_ALLOWED</code>, <code>INTERNAL_ERROR</code> and <code>SERVICE_UNAVAILABLE</code>.</p>',
    `<table><thead><tr><th>Code</th><th>Status</th><th>Title</th></tr></thead><tbody>${rows}</tbody></table>`,
    '</section>',
  ].join('\n');
}

/**
 * The API reference page, rendered server-side from the OpenAPI document: no script at all, the stylesheet
 * inline under the nonce in NONCE_SLOT (the route swaps in a fresh one per answer).
 */
export function renderDocsPage(doc: OpenApiDocument): string {
  const byTag = new Map<string, { path: string; method: string; op: OpenApiOperation }[]>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags[0] ?? 'Other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), { path, method, op }]);
    }
  }
  const tags = [
    ...doc.tags.filter((t) => byTag.has(t.name)),
    ...[...byTag.keys()]
      .filter((n) => !doc.tags.some((t) => t.name === n))
      .map((name) => ({ name, description: '' })),
  ];
  const nav = tags
    .map(
      (t) =>
        `<h2><a href="#tag-${slug(t.name)}">${escapeHtml(t.name)}</a></h2><ul>` +
        (byTag.get(t.name) ?? [])
          .map(
            ({ path, method, op }) =>
              `<li><a href="#op-${escapeHtml(op.operationId)}"><code>${method.toUpperCase()}</code> ${escapeHtml(path)}</a></li>`,
          )
          .join('') +
        '</ul>',
    )
    .join('\n');
  const sections = tags
    .map(
      (t) =>
        `<section class="tag" id="tag-${slug(t.name)}"><h2>${escapeHtml(t.name)}</h2>${t.description ? prose(t.description) : ''}\n` +
        (byTag.get(t.name) ?? []).map(({ path, method, op }) => operationHtml(path, method, op)).join('\n') +
        '</section>',
    )
    .join('\n');
  const server = doc.servers[0]?.url ?? '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)} reference</title>
<style nonce="${NONCE_SLOT}">${DOCS_CSS}</style>
</head>
<body>
<div class="layout">
<nav aria-label="Endpoints">
${nav}
<h2><a href="#errors">Error codes</a></h2>
</nav>
<main>
<header>
<h1>${escapeHtml(doc.info.title)} <span class="version">${escapeHtml(doc.info.version)}</span></h1>
${prose(doc.info.description)}
<p>Base URL <code>${escapeHtml(server)}</code> · <a href="openapi.json">OpenAPI 3.1 document</a></p>
</header>
${sections}
${errorsSection()}
</main>
</div>
</body>
</html>
`;
}
