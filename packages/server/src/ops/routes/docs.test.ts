import { ERROR_STATUS, ERROR_TITLES } from '@flange/protocol';
import type { ErrorCode } from '@flange/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectProblem } from '../../testing/harness';
import { escapeHtml } from '../docs-page';
import type { OpenApiDocument } from '../openapi-document';
import { startOpsServer, type OpsServer } from '../test-setup';

let s: OpsServer;
let doc: OpenApiDocument;
beforeAll(async () => {
  s = await startOpsServer();
  doc = s.ops.document();
});
afterAll(() => s.close());

/** The text of an element's start tag up to `>` for every occurrence of `<tag`. */
const tags = (html: string, tag: string) =>
  [...html.matchAll(new RegExp(`<${tag}\\b[^>]*>`, 'gi'))].map((m) => m[0]);

describe('GET /docs', () => {
  it('is a self-contained HTML page: no script, no external asset, the stylesheet under a per-answer nonce', async () => {
    const a = await call(s.t.url, 'GET', '/docs');
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = a.headers.get('content-security-policy') ?? '';
    const nonce = /style-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|script-src/);
    expect(tags(a.text, 'script')).toEqual([]);
    expect(tags(a.text, 'style')).toEqual([`<style nonce="${nonce}">`]);
    expect(a.text).not.toMatch(/\son[a-z]+=|javascript:|style="/i);
    // Nothing is loaded from elsewhere: no src attributes, no stylesheet links, no @import or url().
    expect(a.text).not.toMatch(/\ssrc=|<link\b|@import|url\(/i);
    expect(a.text).not.toContain('__FLANGE_DOCS_NONCE__');

    const b = await call(s.t.url, 'GET', '/docs');
    const nonceB = /'nonce-([^']+)'/.exec(b.headers.get('content-security-policy') ?? '')?.[1];
    expect(nonceB).not.toBe(nonce);
    expect(b.text).toContain(`<style nonce="${nonceB}">`);
  });

  it('documents every operation of the OpenAPI document: method, path, auth, summary, fields, problem codes', async () => {
    const html = (await call(s.t.url, 'GET', '/docs')).text;
    let n = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const start = html.indexOf(`<article class="op" id="op-${op.operationId}">`);
        expect(start, `${method} ${path}`).toBeGreaterThan(0);
        const article = html.slice(start, html.indexOf('</article>', start));
        expect(article).toContain(
          `<span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code>`,
        );
        expect(article).toContain(escapeHtml(op.summary));
        expect(article).toContain('<strong>Authentication:</strong>');
        for (const code of op['x-problem-codes'])
          expect(article).toContain(`href="#error-${code.toLowerCase()}"`);
        for (const p of op.parameters ?? []) expect(article).toContain(`<code>${escapeHtml(p.name)}</code>`);
        n++;
      }
    }
    expect(n).toBe(Object.values(doc.paths).reduce((k, item) => k + Object.keys(item).length, 0));

    const create = html.slice(html.indexOf('id="op-postV1ConnectSessions"'));
    const createArticle = create.slice(0, create.indexOf('</article>'));
    expect(createArticle).toContain('Secret key');
    expect(createArticle).toContain('<h4>Request body');
    // Nested request fields, their types and limits.
    expect(createArticle).toMatch(/<code>end_user\.id<\/code> <span class="req">required<\/span>/);
    expect(createArticle).toContain('max length 200');
    expect(createArticle).toContain('<code>&quot;en&quot; | &quot;de&quot;</code>');
    expect(createArticle).toContain('<strong>201</strong>');
    expect(createArticle).toContain('<code>session_token</code>');

    const status = html.slice(html.indexOf('id="op-getV1Connection"'));
    expect(status.slice(0, status.indexOf('</article>'))).toContain('Connection token');
  });

  it('lists every error code with its status and title, anchored where problem documents link', async () => {
    const html = (await call(s.t.url, 'GET', '/docs')).text;
    const codes = Object.keys(ERROR_STATUS) as ErrorCode[];
    for (const c of codes) {
      expect(html).toContain(
        `<tr id="error-${c.toLowerCase()}"><td class="name"><code>${c}</code></td><td>${ERROR_STATUS[c]}</td><td>${escapeHtml(ERROR_TITLES[c])}</td></tr>`,
      );
    }
    expect(html.match(/<tr id="error-/g)).toHaveLength(codes.length);
  });

  it('refuses other methods with a problem document, not HTML', async () => {
    const r = await call(s.t.url, 'POST', '/docs', { body: {} });
    expectProblem(r, 'METHOD_NOT_ALLOWED', 405);
    expect(r.headers.get('allow')).toBe('GET, HEAD');
  });
});
