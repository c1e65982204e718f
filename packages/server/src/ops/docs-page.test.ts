import { describe, expect, it } from 'vitest';
import { NONCE_SLOT, fieldRows, renderDocsPage, typeLabel } from './docs-page';
import { buildApiDocument, type OpenApiDocument } from './openapi-document';

describe('typeLabel', () => {
  it.each([
    [{ type: 'string' }, 'string'],
    [{ type: ['string', 'null'] }, 'string | null'],
    [{ type: 'string', format: 'date-time' }, 'string (date-time)'],
    [{ anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] }, 'string (date-time) | null'],
    [{ type: 'string', enum: ['a', 'b'] }, '"a" | "b"'],
    [{ type: 'string', const: 'connection' }, '"connection"'],
    [{ type: 'array', items: { type: 'integer' } }, 'integer[]'],
    [{ type: 'object', additionalProperties: { type: 'string' } }, 'map of string'],
    [{ $ref: '#/components/schemas/Problem' }, 'Problem'],
    [{}, 'any'],
  ])('%j → %s', (schema, label) => {
    expect(typeLabel(schema)).toBe(label);
  });
});

describe('fieldRows', () => {
  it('walks nested objects, nullable objects and arrays of objects, with required marks and limits', () => {
    const rows = fieldRows({
      type: 'object',
      required: ['a'],
      properties: {
        a: { type: 'string', maxLength: 5 },
        b: {
          anyOf: [{ type: 'object', properties: { c: { type: 'integer', minimum: 1 } } }, { type: 'null' }],
        },
        d: {
          type: 'array',
          items: { type: 'object', required: ['e'], properties: { e: { type: 'boolean' } } },
        },
      },
    });
    expect(rows).toEqual([
      { name: 'a', type: 'string', required: true, notes: ['max length 5'] },
      { name: 'b', type: 'object | null', required: false, notes: [] },
      { name: 'b.c', type: 'integer', required: false, notes: ['min 1'] },
      { name: 'd', type: 'object[]', required: false, notes: [] },
      { name: 'd[].e', type: 'boolean', required: true, notes: [] },
    ]);
  });
});

describe('renderDocsPage', () => {
  it('escapes everything taken from the document, so no text can become markup', () => {
    const doc = buildApiDocument({
      serverUrl: 'https://api.example.com/"><script>x</script>',
      metricsProtected: false,
    });
    const hostile = structuredClone(doc) as OpenApiDocument;
    const op = hostile.paths['/v1/connections']?.['get'];
    if (!op) throw new Error('missing operation');
    op.summary = '<img src=x onerror=alert(1)> & "quotes"';
    hostile.info.description = 'Use `<b>bold</b>` here';
    const html = renderDocsPage(hostile);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
    expect(html).toContain('<code>&lt;b&gt;bold&lt;/b&gt;</code>');
    expect(html).toContain(`<style nonce="${NONCE_SLOT}">`);
  });

  it('names the metrics token only when the server asks for one', () => {
    const open = renderDocsPage(buildApiDocument({ serverUrl: 'http://x', metricsProtected: false }));
    const locked = renderDocsPage(buildApiDocument({ serverUrl: 'http://x', metricsProtected: true }));
    const metricsOf = (html: string) => {
      const start = html.indexOf('id="op-getMetrics"');
      return html.slice(start, html.indexOf('</article>', start));
    };
    expect(metricsOf(open)).toContain('<strong>Authentication:</strong> None');
    expect(metricsOf(locked)).toContain('FLANGE_METRICS_TOKEN');
  });
});
