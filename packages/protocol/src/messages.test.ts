import { describe, expect, it } from 'vitest';
import { HostToFrameMessage } from './host-messages';
import { FrameToHostMessage } from './messages';
import { tokenKind, TOKEN_PATTERNS } from './tokens';

describe('postMessage schemas', () => {
  it('accept well-formed messages of the current version only', () => {
    expect(FrameToHostMessage.safeParse({ source: 'flange', v: 1, type: 'ready' }).success).toBe(true);
    expect(FrameToHostMessage.safeParse({ source: 'flange', v: 2, type: 'ready' }).success).toBe(false);
    expect(FrameToHostMessage.safeParse({ source: 'other', v: 1, type: 'ready' }).success).toBe(false);
  });
  it('refuse unknown members, so nothing rides along', () => {
    expect(FrameToHostMessage.safeParse({ source: 'flange', v: 1, type: 'ready', token: 'x' }).success).toBe(
      false,
    );
    expect(
      HostToFrameMessage.safeParse({
        source: 'flange-host',
        v: 1,
        type: 'init',
        session_token: 'fls_x',
        x: 1,
      }).success,
    ).toBe(false);
  });
  it('refuse malformed data', () => {
    for (const data of [null, 'ready', 42, [], { type: 'ready' }]) {
      expect(FrameToHostMessage.safeParse(data).success).toBe(false);
    }
  });
});

describe('token kinds', () => {
  it('are told apart by prefix', () => {
    expect(tokenKind('flk_test_abc')).toBe('secret_key');
    expect(tokenKind('flc_live_abc')).toBe('connection');
    expect(tokenKind('Bearer x')).toBeNull();
  });
  it('have shapes a scanner can match', () => {
    expect(TOKEN_PATTERNS.connection.test(`flc_test_${'a'.repeat(32)}_ABC123`)).toBe(true);
    expect(TOKEN_PATTERNS.connection.test(`flc_prod_${'a'.repeat(32)}_ABC123`)).toBe(false);
  });
});
