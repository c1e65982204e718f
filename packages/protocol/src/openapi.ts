import * as z from 'zod/mini';
import type { Endpoint } from './endpoints';
import { Problem } from './problem';

type Json = Record<string, unknown>;

const SECURITY: Record<Endpoint['auth'], string | null> = {
  secret_key: 'SecretKey',
  session: 'SessionToken',
  connection: 'ConnectionToken',
  none: null,
};

function schemaOf(schema: z.core.$ZodType, io: 'input' | 'output'): Json {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' }) as Json;
  delete json['$schema'];
  return json;
}

/** Build the OpenAPI 3.1 document from the endpoint table: request schemas as input, responses as output. */
export function buildOpenApi(
  endpoints: readonly Endpoint[],
  info: { title: string; version: string; serverUrl: string },
): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const e of endpoints) {
    const op: Json = {
      summary: e.summary,
      tags: [e.tag],
      operationId: `${e.method.toLowerCase()}${e.path
        .replace(/[{}]/g, '')
        .replace(/\/(\w)/g, (_, c: string) => c.toUpperCase())
        .replace(/[^A-Za-z0-9]/g, '')}`,
    };
    const security = SECURITY[e.auth];
    op['security'] = security ? [{ [security]: [] }] : [];
    const params: Json[] = [];
    for (const m of e.path.matchAll(/\{(\w+)\}/g)) {
      params.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
    }
    if (e.query) {
      const q = schemaOf(e.query, 'input') as { properties?: Record<string, Json>; required?: string[] };
      for (const [name, schema] of Object.entries(q.properties ?? {})) {
        params.push({ name, in: 'query', required: q.required?.includes(name) ?? false, schema });
      }
    }
    if (params.length > 0) op['parameters'] = params;
    if (e.body) {
      op['requestBody'] = {
        required: true,
        content: { 'application/json': { schema: schemaOf(e.body, 'input') } },
      };
    }
    const ok: Json = { description: 'Success' };
    if (e.stream) ok['content'] = { 'text/event-stream': { schema: { type: 'string' } } };
    else if (e.response) ok['content'] = { 'application/json': { schema: schemaOf(e.response, 'output') } };
    op['responses'] = {
      [String(e.status)]: ok,
      default: {
        description: 'A problem document (RFC 9457)',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      },
    };
    (paths[e.path] ??= {})[e.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: info.title, version: info.version },
    servers: [{ url: info.serverUrl }],
    paths,
    components: {
      schemas: { Problem: schemaOf(Problem, 'output') },
      securitySchemes: {
        SecretKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'Secret key flk_test_… / flk_live_… (host backend only)',
        },
        SessionToken: { type: 'http', scheme: 'bearer', description: 'Connect session token fls_… (widget)' },
        ConnectionToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'Connection token flc_… (host backend only)',
        },
      },
    },
  };
}
