import * as z from 'zod';
import type { Endpoint } from '@flange/protocol';

export const HealthzResponse = z.object({ status: z.literal('ok') });
export const ReadyzResponse = z.object({ status: z.literal('ready') });
/** The OpenAPI document itself: described loosely here, its own `openapi` field says the rest. */
export const OpenApiDocumentShape = z.looseObject({
  openapi: z.literal('3.1.0'),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});

export const OPS_TAG = 'Operations';

/** The operator endpoints outside /v1: probes, the API description and reference, metrics. */
export const OPS_ENDPOINTS = [
  {
    method: 'GET',
    path: '/healthz',
    auth: 'none',
    tag: OPS_TAG,
    summary: 'Liveness: the process answers',
    status: 200,
    response: HealthzResponse,
  },
  {
    method: 'GET',
    path: '/readyz',
    auth: 'none',
    tag: OPS_TAG,
    summary: 'Readiness: storage answers and is migrated (503 otherwise)',
    status: 200,
    response: ReadyzResponse,
  },
  {
    method: 'GET',
    path: '/openapi.json',
    auth: 'none',
    tag: OPS_TAG,
    summary: 'This OpenAPI 3.1 document, generated from the protocol schemas',
    status: 200,
    response: OpenApiDocumentShape,
  },
  {
    method: 'GET',
    path: '/docs',
    auth: 'none',
    tag: OPS_TAG,
    summary: 'The API reference as a web page, rendered from this document',
    status: 200,
    response: null,
  },
  {
    method: 'GET',
    path: '/metrics',
    auth: 'none',
    tag: OPS_TAG,
    summary: 'Prometheus metrics (Bearer FLANGE_METRICS_TOKEN when the server sets one)',
    status: 200,
    response: null,
  },
] as const satisfies readonly Endpoint[];

/** Bodies that are not JSON: the document says what they are instead. */
export const NON_JSON_BODIES: Record<string, string> = {
  'GET /docs': 'text/html',
  'GET /metrics': 'text/plain',
};
