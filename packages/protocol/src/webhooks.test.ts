import { describe, expect, it } from 'vitest';
import { CORE_ENDPOINTS } from './endpoints';
import { LIFECYCLE_ENDPOINTS } from './lifecycle';
import { buildOpenApi } from './openapi';
import {
  CreateWebhookEndpointBody,
  UpdateWebhookEndpointBody,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_SECRET_PATTERN,
  WebhookEndpointWithSecret,
  WebhookEvent,
} from './webhooks';

const connection = {
  id: 'conn_1',
  object: 'connection',
  environment: 'live',
  status: 'degraded',
  reauthorization_required: false,
  system: { id: 'ibm-maximo', name: 'IBM Maximo' },
  auth_method: 'api_key',
  instance_url: 'https://maximo.example.com/maximo',
  end_user: { id: 'u1', name: null, organization: null },
  account: {},
  entities_verified: [],
  created_at: '2026-01-01T00:00:00.000Z',
  last_verified_at: null,
  next_check_at: null,
  last_verification: null,
  metadata: {},
};

describe('webhook schemas', () => {
  it('parse every event type in its envelope, and refuse a type the union does not know', () => {
    const degraded = {
      id: 'evt_1',
      type: 'connection.degraded',
      created_at: '2026-01-01T00:00:00.000Z',
      environment: 'live',
      data: { connection, reason: { code: 'INSTANCE_UNREACHABLE', display_message: null } },
    };
    expect(WebhookEvent.parse(degraded).type).toBe('connection.degraded');
    expect(WebhookEvent.safeParse({ ...degraded, type: 'connection.exploded' }).success).toBe(false);
    expect(WebhookEvent.safeParse({ ...degraded, data: { connection } }).success).toBe(false);
    expect(
      WebhookEvent.safeParse({
        ...degraded,
        data: { connection, reason: { code: 'NOPE', display_message: null } },
      }).success,
    ).toBe(false);
    expect(WEBHOOK_EVENT_TYPES).toHaveLength(8);
  });

  it('accepts http(s) endpoint URLs only, without userinfo, and known event filters', () => {
    expect(CreateWebhookEndpointBody.safeParse({ url: 'https://acme.example.com/hooks' }).success).toBe(true);
    expect(CreateWebhookEndpointBody.safeParse({ url: 'https://a.example.com', events: ['*'] }).success).toBe(
      true,
    );
    for (const url of [
      'ftp://a.example.com',
      'https://u:p@a.example.com',
      'not a url',
      'javascript:alert(1)',
    ]) {
      expect({ url, ok: CreateWebhookEndpointBody.safeParse({ url }).success }).toEqual({ url, ok: false });
    }
    expect(CreateWebhookEndpointBody.safeParse({ url: 'https://a.example.com', events: ['x'] }).success).toBe(
      false,
    );
    expect(CreateWebhookEndpointBody.safeParse({ url: 'https://a.example.com', extra: 1 }).success).toBe(
      false,
    );
  });

  it('takes a partial endpoint update, not an empty one, nor unknown fields', () => {
    const ok = (b: unknown) => UpdateWebhookEndpointBody.safeParse(b).success;
    expect(ok({ status: 'enabled' })).toBe(true);
    expect(ok({ description: null, events: ['connection.revoked'] })).toBe(true);
    expect(ok({})).toBe(false);
    expect(ok({ status: 'paused' })).toBe(false);
    expect(ok({ disabled: false })).toBe(false);
    expect(ok({ url: 'https://u:p@a.example.com' })).toBe(false);
    expect(ok({ events: [] })).toBe(false);
  });

  it('describes whsec_ secrets of 24 to 64 bytes', () => {
    // base64 of n bytes of 0x01, spelled out: this package has no Node types.
    const b64 = (n: number) => 'AQEB'.repeat(Math.floor(n / 3)) + ['', 'AQ==', 'AQE='][n % 3];
    expect(WEBHOOK_SECRET_PATTERN.test(`whsec_${b64(24)}`)).toBe(true);
    expect(WEBHOOK_SECRET_PATTERN.test(`whsec_${b64(64)}`)).toBe(true);
    expect(WEBHOOK_SECRET_PATTERN.test(`whsec_${b64(16)}`)).toBe(false);
    expect(WEBHOOK_SECRET_PATTERN.test(`sk_${b64(32)}`)).toBe(false);
    expect(WebhookEndpointWithSecret.shape.secret.safeParse(`whsec_${b64(32)}`).success).toBe(true);
  });

  it('adds the lifecycle endpoints to the OpenAPI document without clashing with the core ones', () => {
    const all = [...CORE_ENDPOINTS, ...LIFECYCLE_ENDPOINTS];
    const doc = buildOpenApi(all, { title: 'Flange', version: '1', serverUrl: 'http://localhost:4000' });
    const paths = doc['paths'] as Record<string, Record<string, { operationId: string }>>;
    const ops = Object.values(paths).flatMap((p) => Object.values(p));
    expect(ops).toHaveLength(all.length);
    expect(new Set(ops.map((o) => o.operationId)).size).toBe(all.length);
    expect(paths['/v1/webhook-endpoints/{id}/roll-secret']?.['post']).toBeDefined();
    expect(JSON.stringify(paths['/v1/connections/{id}/token/rotate'])).toContain('grace_period_seconds');
  });
});
