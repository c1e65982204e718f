import { describe, expect, it } from 'vitest';
import { newConnectionToken, newSecretKey, newSessionToken } from './crypto/tokens';
import { createLogger, maskTokensIn } from './logger';

describe('logger', () => {
  it('masks tokens anywhere and redacts secret-named fields (canaries)', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', destination: { write: (s: string) => void lines.push(s) } });
    const conn = newConnectionToken('live');
    const key = newSecretKey('test');
    const session = newSessionToken();
    log.info(
      {
        headers: { authorization: `Bearer ${key}` },
        note: `token ${conn} here`,
        nested: { deep: [session] },
      },
      `msg with ${conn}`,
    );
    log.info(
      {
        values: { api_key: 'canary-value-1' },
        password: 'canary-value-2',
        cfg: { password: 'canary-value-3' },
      },
      'values',
    );
    log.error({ err: new Error(`failed for ${key}`) }, 'boom');
    const all = lines.join('\n');
    for (const secret of [conn, key, session, 'canary-value-1', 'canary-value-2', 'canary-value-3'])
      expect(all).not.toContain(secret);
    expect(all).toContain(`flc_live_…${conn.slice(-4)}`);
    expect(all).toContain('[redacted]');
  });

  it('masks to prefix and last four', () => {
    const t = newConnectionToken('test');
    expect(maskTokensIn(`x ${t} y`)).toBe(`x flc_test_…${t.slice(-4)} y`);
    expect(maskTokensIn('no tokens here, flagship_ok')).toBe('no tokens here, flagship_ok');
  });
});
