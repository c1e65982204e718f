import { describe, expect, it } from 'vitest';
import { checkField, checkFields, fieldsSchema } from './field-check';
import type { FieldSpec } from './fields';

const url: FieldSpec = { key: 'instance_url', label: 'Instance URL', kind: 'url', required: true };
const key: FieldSpec = { key: 'api_key', label: 'API key', kind: 'secret', required: true, min_length: 8 };
const client: FieldSpec = {
  key: 'sap_client',
  label: 'SAP client',
  kind: 'text',
  required: true,
  format: 'sap_client',
};
const tenant: FieldSpec = {
  key: 'tenant',
  label: 'Tenant ID',
  kind: 'text',
  required: false,
  format: 'guid',
};

describe('checkField', () => {
  it('normalizes URLs', () => {
    expect(checkField(url, 'maximo.acme.com/maximo/oslc')).toEqual({
      ok: true,
      value: 'https://maximo.acme.com',
    });
  });
  it('explains a URL with credentials in it', () => {
    const r = checkField(url, 'https://u:p@host.com');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/user name and password/);
  });
  it('requires required fields and lets optional ones be empty', () => {
    expect(checkField(key, '')).toEqual({ ok: false, message: 'API key is required.' });
    expect(checkField(tenant, undefined)).toEqual({ ok: true, value: '' });
  });
  it('checks formats', () => {
    expect(checkField(client, '100')).toEqual({ ok: true, value: '100' });
    expect(checkField(client, '1000').ok).toBe(false);
    expect(checkField(tenant, '72f988bf-86f1-41af-91ab-2d7cd011db47').ok).toBe(true);
    expect(checkField(tenant, 'contoso').ok).toBe(false);
  });
  it('never trims secrets, but trims text', () => {
    expect(checkField(key, ' abcdefgh ')).toEqual({ ok: true, value: ' abcdefgh ' });
    expect(checkField(client, ' 100 ')).toEqual({ ok: true, value: '100' });
  });
  it('checks length, options and patterns', () => {
    expect(checkField(key, 'short').ok).toBe(false);
    const sel: FieldSpec = {
      key: 'region',
      label: 'Region',
      kind: 'select',
      required: true,
      options: [{ value: 'eu', label: 'Europe' }],
    };
    expect(checkField(sel, 'eu').ok).toBe(true);
    expect(checkField(sel, 'us').ok).toBe(false);
    const pat: FieldSpec = { ...key, pattern: '^macmms', pattern_message: 'Fiix keys start with macmms.' };
    expect(checkField(pat, 'nope12345')).toEqual({ ok: false, message: 'Fiix keys start with macmms.' });
  });
});

describe('checkFields', () => {
  it('returns cleaned values or one message per field, and refuses unknown keys', () => {
    expect(checkFields([url, key], { instance_url: 'a.com', api_key: '12345678' })).toEqual({
      ok: true,
      values: { instance_url: 'https://a.com', api_key: '12345678' },
    });
    const r = checkFields([url, key], { instance_url: 'ftp://a.com', extra: 'x' });
    expect(r.ok).toBe(false);
    expect(!r.ok && Object.keys(r.errors).sort()).toEqual(['api_key', 'extra', 'instance_url']);
  });
  it('is available as a zod schema', () => {
    const s = fieldsSchema([url, key]);
    expect(s.safeParse({ instance_url: 'a.com', api_key: '12345678' }).success).toBe(true);
    const bad = s.safeParse({ instance_url: 'a.com' });
    expect(bad.success).toBe(false);
    expect(!bad.success && bad.error.issues[0]?.path).toEqual(['api_key']);
  });
});
