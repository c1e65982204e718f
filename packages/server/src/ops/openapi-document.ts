import {
  CORE_ENDPOINTS,
  ERROR_STATUS,
  HANDOFF_ENDPOINTS,
  LIFECYCLE_ENDPOINTS,
  buildOpenApi,
} from '@flange/protocol';
import type { Endpoint, ErrorCode } from '@flange/protocol';
import { NON_JSON_BODIES, OPS_ENDPOINTS, OPS_TAG } from './endpoints';
import { COMMON_PROBLEM_CODES, endpointKey, problemCodesFor } from './problem-codes';

/** Every endpoint the server can serve: the protocol's tables plus the operator endpoints. */
export const ALL_ENDPOINTS: readonly Endpoint[] = [
  ...CORE_ENDPOINTS,
  ...HANDOFF_ENDPOINTS,
  ...LIFECYCLE_ENDPOINTS,
  ...OPS_ENDPOINTS,
];

export type JsonSchema = Record<string, unknown>;

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
  description?: string;
}

export interface OpenApiResponse {
  description: string;
  headers?: Record<string, { $ref: string }>;
  content?: Record<string, { schema: JsonSchema }>;
}

export interface OpenApiOperation {
  summary: string;
  tags: string[];
  operationId: string;
  security: Record<string, string[]>[];
  parameters?: OpenApiParameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, OpenApiResponse>;
  /** The problem codes this operation itself may answer (the common ones are in the `default` response). */
  'x-problem-codes': ErrorCode[];
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, Record<string, unknown>>;
    headers: Record<string, Record<string, unknown>>;
  };
}

export const API_TITLE = 'Flange API';
export const API_VERSION = '1.0.0';

const TAGS: { name: string; description: string }[] = [
  {
    name: 'Connect sessions',
    description:
      'Your backend (secret key) starts a connect session for one end user, then exchanges the public token the widget returns for the connection id and its token.',
  },
  {
    name: 'Connections',
    description:
      'Your backend (secret key) lists, reads, re-verifies, rotates and revokes the connections of its environment.',
  },
  {
    name: 'Connection token',
    description: 'Calls made with one connection token (flc_…): the connection it belongs to.',
  },
  {
    name: 'Webhooks',
    description:
      'Endpoints that receive lifecycle events signed per Standard Webhooks, and every delivery attempt, replayable by hand.',
  },
  { name: 'Catalog', description: 'What end users asked for.' },
  {
    name: 'Connect flow',
    description:
      'Called by the widget or the hosted flow with the connect session token (fls_…); your backend never needs these.',
  },
  {
    name: OPS_TAG,
    description: 'For operators: probes, this document, the reference page and Prometheus metrics.',
  },
];

const DESCRIPTION = [
  'Flange connects your customers\u2019 industrial systems (ERP, CMMS/EAM, procurement, MES) to your product.',
  '',
  'Authenticate with `Authorization: Bearer <token>`; tokens are never accepted in the URL. Your backend uses its',
  'secret key (`flk_test_…` / `flk_live_…`) and one connection token per connection (`flc_…`); the widget uses the',
  'short-lived connect session token (`fls_…`).',
  '',
  'Every error is an RFC 9457 problem document (`application/problem+json`) with a stable `code`, a `request_id`',
  'equal to the `X-Request-Id` header, and, where it helps, `display_message` (safe to show an end user), `param`',
  'and `doc_url`. Rate-limited requests carry `RateLimit` and `RateLimit-Policy` headers; a 429 carries `Retry-After`.',
].join('\n');

const PROBLEM_CONTENT = {
  'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
};

/** `/v1/connections/:id` (Express) → `/v1/connections/{id}` (OpenAPI). */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

export interface DocumentOptions {
  serverUrl: string;
  /** `METHOD /openapi/{path}` of the routes the app serves; endpoints it does not serve are left out. */
  served?: ReadonlySet<string>;
  /** /metrics asks for a bearer token. */
  metricsProtected: boolean;
}

/**
 * The OpenAPI 3.1 document of what this server serves: protocol's `buildOpenApi` over the endpoint tables,
 * then what only the server knows added to each operation: the problem codes it may answer (grouped by
 * status), the headers it sends, and the bodies that are not JSON.
 */
export function buildApiDocument(opts: DocumentOptions): OpenApiDocument {
  const endpoints = ALL_ENDPOINTS.filter((e) => opts.served?.has(endpointKey(e)) ?? true);
  const base = buildOpenApi(endpoints, {
    title: API_TITLE,
    version: API_VERSION,
    serverUrl: opts.serverUrl,
  }) as unknown as Omit<OpenApiDocument, 'tags' | 'info'> & { info: { title: string; version: string } };

  const doc: OpenApiDocument = {
    openapi: '3.1.0',
    info: { ...base.info, description: DESCRIPTION },
    servers: base.servers,
    tags: TAGS.filter((t) => endpoints.some((e) => e.tag === t.name)),
    paths: base.paths,
    components: {
      ...base.components,
      securitySchemes: {
        ...base.components.securitySchemes,
        HandoffToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'Hand-off secret flh_… from a hand-off link (single use)',
        },
        ...(opts.metricsProtected
          ? {
              MetricsToken: {
                type: 'http',
                scheme: 'bearer',
                description: 'The FLANGE_METRICS_TOKEN the server was started with',
              },
            }
          : {}),
      },
      headers: {
        RequestId: {
          description:
            'This request\u2019s id: quote it to support; equal to `request_id` in problem documents.',
          schema: { type: 'string' },
        },
        RateLimit: {
          description: 'Requests left and seconds to the reset, e.g. `"conn";r=97;t=42` (IETF draft).',
          schema: { type: 'string' },
        },
        RateLimitPolicy: {
          description: 'The limit that applies, e.g. `"conn";q=100;w=60` (IETF draft).',
          schema: { type: 'string' },
        },
        RetryAfter: {
          description: 'Whole seconds to wait before retrying.',
          schema: { type: 'integer', minimum: 0 },
        },
      },
    },
  };

  for (const e of endpoints) {
    const op = doc.paths[e.path]?.[e.method.toLowerCase()];
    if (!op) continue;
    decorate(op, e, opts);
  }
  return doc;
}

function decorate(op: OpenApiOperation, e: Endpoint, opts: DocumentOptions): void {
  const key = endpointKey(e);
  const limited = e.auth === 'secret_key' || e.auth === 'connection';
  const okHeaders: Record<string, { $ref: string }> = {
    'X-Request-Id': { $ref: '#/components/headers/RequestId' },
    ...(limited
      ? {
          RateLimit: { $ref: '#/components/headers/RateLimit' },
          'RateLimit-Policy': { $ref: '#/components/headers/RateLimitPolicy' },
        }
      : {}),
  };
  const ok = op.responses[String(e.status)];
  if (ok) {
    ok.headers = okHeaders;
    const type = NON_JSON_BODIES[key];
    if (type) ok.content = { [type]: { schema: { type: 'string' } } };
  }

  if (key === 'POST /v1/connect/handoffs/redeem') op.security = [{ HandoffToken: [] }];
  if (key === 'GET /metrics' && opts.metricsProtected) op.security = [{ MetricsToken: [] }];

  const codes = problemCodesFor(e);
  op['x-problem-codes'] = codes;
  const byStatus = new Map<number, ErrorCode[]>();
  for (const c of codes) byStatus.set(ERROR_STATUS[c], [...(byStatus.get(ERROR_STATUS[c]) ?? []), c]);
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    op.responses[String(status)] = {
      description: `Problem: ${list.join(', ')}`,
      headers: {
        'X-Request-Id': { $ref: '#/components/headers/RequestId' },
        ...(status === 429 || status === 503
          ? { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } }
          : {}),
      },
      content: PROBLEM_CONTENT,
    };
  }
  op.responses['default'] = {
    description: `Problem (any endpoint): ${COMMON_PROBLEM_CODES.join(', ')}`,
    headers: { 'X-Request-Id': { $ref: '#/components/headers/RequestId' } },
    content: PROBLEM_CONTENT,
  };
}
