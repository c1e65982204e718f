import { NetError } from '@flange/connectors';
import { describe, expect, it } from 'vitest';
import { classifySendError } from './classify';

describe('classifySendError', () => {
  it('maps the guarded client’s refusals, timeouts and network failures to attempt classes', () => {
    for (const kind of [
      'url_invalid',
      'userinfo',
      'http_not_allowed',
      'port_not_allowed',
      'address_blocked',
    ] as const) {
      expect(classifySendError(new NetError(kind))).toBe('url_not_allowed');
    }
    expect(classifySendError(new NetError('timeout'))).toBe('timeout');
    expect(classifySendError(new NetError('aborted'))).toBe('timeout');
    for (const kind of [
      'unreachable',
      'dns_failed',
      'connection_lost',
      'tls_untrusted',
      'too_large',
    ] as const) {
      expect(classifySendError(new NetError(kind))).toBe('network');
    }
  });

  it('reads fetch’s own errors too', () => {
    expect(classifySendError(new DOMException('t', 'TimeoutError'))).toBe('timeout');
    expect(
      classifySendError(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })),
    ).toBe('network');
  });
});
