/**
 * Checks real answers against the served OpenAPI document with a JSON Schema 2020-12 validator (ajv): the
 * document's own schemas, not the zod ones it came from, so a wrong conversion fails too. Tests only.
 */
import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import type { Reply } from '../testing/harness';
import { COMMON_PROBLEM_CODES } from './problem-codes';
import type { OpenApiDocument, OpenApiOperation } from './openapi-document';

/** The document's operation for `method` and an OpenAPI path such as /v1/connections/{id}. */
export function operation(doc: OpenApiDocument, method: string, path: string): OpenApiOperation {
  const op = doc.paths[path]?.[method.toLowerCase()];
  if (!op) throw new Error(`the document has no ${method} ${path}`);
  return op;
}

/** A validator for one document: compiles each response schema once. */
export function contractChecker(doc: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'doc', components: doc.components } as Record<string, unknown>);
  const cache = new Map<string, ValidateFunction>();
  const compile = (key: string, schema: Record<string, unknown>): ValidateFunction => {
    let v = cache.get(key);
    if (!v) {
      // Local refs (#/components/…) resolve against the document registered above.
      v = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')));
      cache.set(key, v);
    }
    return v;
  };

  return {
    /**
     * Assert `reply` is one of the operation's documented answers: a documented status with a body matching
     * its schema, or a problem document whose code the operation documents (or any endpoint may answer).
     */
    check(method: string, path: string, reply: Reply): void {
      const op = operation(doc, method, path);
      const where = `${method} ${path} → ${reply.status}`;
      const status = String(reply.status);
      const documented = op.responses[status];
      if (reply.status >= 400) {
        expect(reply.headers.get('content-type'), where).toMatch(/^application\/problem\+json/);
        const validate = compile('Problem', { $ref: '#/components/schemas/Problem' });
        expect(validate(reply.json) ? [] : validate.errors, `${where}: ${reply.text}`).toEqual([]);
        const code = (reply.json as { code: string }).code;
        const allowed: string[] = [...op['x-problem-codes'], ...COMMON_PROBLEM_CODES];
        expect(allowed, `${where}: ${code} is not documented for this operation`).toContain(code);
        expect(documented ?? op.responses['default'], where).toBeDefined();
        return;
      }
      expect(documented, `${where} is not a documented status`).toBeDefined();
      const [type, media] = Object.entries(documented?.content ?? {})[0] ?? [];
      if (!type) {
        expect(reply.text, `${where} should have no body`).toBe('');
        return;
      }
      expect(reply.headers.get('content-type') ?? '', where).toContain(type);
      if (type !== 'application/json' || !media) return;
      const validate = compile(`${method} ${path} ${status}`, media.schema);
      expect(validate(reply.json) ? [] : validate.errors, `${where}: ${reply.text.slice(0, 2000)}`).toEqual(
        [],
      );
    },
    /** Compile every schema of the document (a schema ajv cannot compile is an invalid document). */
    compileAll(): number {
      let n = 0;
      for (const [path, item] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(item)) {
          for (const [status, r] of Object.entries(op.responses)) {
            for (const media of Object.values(r.content ?? {})) {
              compile(`${method.toUpperCase()} ${path} ${status} ${n}`, media.schema);
              n++;
            }
          }
          const body = op.requestBody?.content['application/json']?.schema;
          if (body) {
            compile(`${method.toUpperCase()} ${path} body`, body);
            n++;
          }
          for (const p of op.parameters ?? []) {
            compile(`${method.toUpperCase()} ${path} param ${p.name}`, p.schema);
            n++;
          }
        }
      }
      return n;
    },
  };
}
