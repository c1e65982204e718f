import { describe, expect, it } from 'vitest';
import { CORE_ENDPOINTS } from './endpoints';
import { buildOpenApi } from './openapi';

describe('buildOpenApi', () => {
  const doc = buildOpenApi(CORE_ENDPOINTS, {
    title: 'Flange',
    version: '1',
    serverUrl: 'http://localhost:4000',
  });
  const paths = doc['paths'] as Record<string, Record<string, Record<string, unknown>>>;

  it('describes every endpoint once, with unique operation ids', () => {
    const ops = Object.values(paths).flatMap((p) => Object.values(p));
    expect(ops).toHaveLength(CORE_ENDPOINTS.length);
    const ids = ops.map((o) => o['operationId']);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('carries request schemas, path and query parameters, and the problem shape', () => {
    const create = paths['/v1/connect/sessions']?.['post'];
    expect(JSON.stringify(create?.['requestBody'])).toContain('end_user');
    expect(JSON.stringify(create?.['responses'])).toContain('application/problem+json');
    const get = paths['/v1/connections/{id}']?.['get'];
    expect(get?.['parameters']).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
    ]);
    const list = paths['/v1/connections']?.['get'];
    expect(((list?.['parameters'] ?? []) as { name: string }[]).map((p) => p.name)).toEqual([
      'end_user_id',
      'status',
      'limit',
      'cursor',
    ]);
  });

  it('is 3.1 and names the bearer schemes', () => {
    expect(doc['openapi']).toBe('3.1.0');
    expect(JSON.stringify(doc['components'])).toContain('ConnectionToken');
  });
});
