import { describe, expect, it } from 'vitest';
import { checkField, explainField, judgeField } from './field-check';
import type { FieldSpec } from './fields';

const url: FieldSpec = { key: 'instance_url', label: 'Instance URL', kind: 'url', required: true };
const key: FieldSpec = {
  key: 'api_key',
  label: 'API key',
  kind: 'secret',
  required: true,
  min_length: 8,
  max_length: 12,
};
const client: FieldSpec = {
  key: 'sap_client',
  label: 'SAP client',
  kind: 'text',
  required: true,
  format: 'sap_client',
};

describe('explainField', () => {
  it('names each refusal with a translatable key and its parameters', () => {
    expect(explainField(key, '')).toEqual({
      ok: false,
      message: 'API key is required.',
      problem: 'required',
      params: { label: 'API key' },
    });
    expect(explainField(key, 'short')).toMatchObject({
      problem: 'min_length',
      params: { label: 'API key', min: 8 },
    });
    expect(explainField(key, 'x'.repeat(13))).toMatchObject({ problem: 'max_length', params: { max: 12 } });
    expect(explainField(client, '1000')).toMatchObject({ problem: 'format_sap_client' });
    expect(explainField(url, 'ftp://a.com')).toMatchObject({ problem: 'url_scheme' });
    expect(explainField(url, 'https://u:p@a.com')).toMatchObject({ problem: 'url_userinfo' });
    expect(
      explainField({ key: 'k', label: 'API key', kind: 'secret', required: true, pattern: '^mac' }, 'nope'),
    ).toMatchObject({
      problem: 'pattern',
      message: 'API key does not have the expected format.',
    });
    const sel: FieldSpec = {
      key: 'r',
      label: 'Region',
      kind: 'select',
      required: true,
      options: [{ value: 'eu', label: 'EU' }],
    };
    expect(explainField(sel, 'us')).toMatchObject({ problem: 'choice' });
  });

  it('agrees with checkField on every outcome', () => {
    for (const [f, v] of [
      [url, 'maximo.acme.com/maximo/ui?x=1'],
      [url, ''],
      [key, 'abcdefgh'],
      [client, '10'],
    ] as const) {
      const detailed = explainField(f, v);
      const plain = checkField(f, v);
      expect(plain.ok).toBe(detailed.ok);
      expect(plain.ok ? plain.value : plain.message).toBe(detailed.ok ? detailed.value : detailed.message);
    }
  });

  it('judgeField gives the same verdict without the English sentence', () => {
    for (const [f, v] of [
      [url, 'ftp://a.com'],
      [key, 'short'],
      [client, '1000'],
      [client, ' 100 '],
    ] as const) {
      const judged = judgeField(f, v);
      expect(judged).not.toHaveProperty('message');
      const { message: _message, ...rest } = explainField(f, v) as { message?: string };
      expect(judged).toEqual(rest);
    }
  });
});
