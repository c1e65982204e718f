import { describe, expect, it } from 'vitest';
import { normalizeInstanceUrl } from './url';

describe('normalizeInstanceUrl', () => {
  it.each([
    ['https://maximo.acme.com/maximo/oslc/os/mxwo?lean=1#top', 'https://maximo.acme.com'],
    ['maximo.acme.com', 'https://maximo.acme.com'],
    ['  https://erp.acme.com:8443/sap/bc/gui/sap/its/webgui?sap-client=100  ', 'https://erp.acme.com:8443'],
    ['erp.acme.com:50000/b1s/v1', 'https://erp.acme.com:50000'],
    ['HTTPS://Maximo.ACME.com/', 'https://maximo.acme.com'],
    ['http://10.1.2.3:9080/maximo', 'http://10.1.2.3:9080'],
  ])('turns %s into %s', (input, expected) => {
    const r = normalizeInstanceUrl(input);
    expect(r).toMatchObject({ ok: true, url: expected });
  });

  it('keeps the path prefix when asked, without the trailing slash', () => {
    expect(normalizeInstanceUrl('https://bc.acme.com:7048/BC230/?x=1', { keepPath: true })).toMatchObject({
      ok: true,
      url: 'https://bc.acme.com:7048/BC230',
    });
  });

  it('reports whether the value changed so the UI can show the normalized one', () => {
    expect(normalizeInstanceUrl('https://a.example.com')).toMatchObject({ changed: false });
    expect(normalizeInstanceUrl('https://a.example.com/x')).toMatchObject({ changed: true });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['file:///etc/passwd', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['ftp://files.acme.com', 'scheme'],
    ['gopher://acme.com', 'scheme'],
    ['https://admin:secret@maximo.acme.com', 'userinfo'],
    ['https://allowed.com@127.0.0.1', 'userinfo'],
    ['https://exa mple.com', 'invalid'],
    ['https://a.com\\@evil.com', 'invalid'],
    ['https://a.com\r\nHost: evil', 'invalid'],
    ['https://', 'invalid'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(normalizeInstanceUrl(input)).toEqual({ ok: false, reason });
  });
});
