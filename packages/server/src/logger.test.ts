import { describe, expect, it } from 'vitest';
import { newConnectionToken, newSecretKey, newSessionToken } from './crypto/tokens';
import pino from 'pino';
import { createLogger, maskTokensIn, writeKnownLine } from './logger';

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

  it("writes a known-fields line exactly as logger.info would, at the logger's level only", () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', destination: { write: (s: string) => void lines.push(s) } });
    const fields = { req_id: 'req_1', method: 'GET', path: '/v1/x "q"', status: 200, duration_ms: 0.125 };
    log.info(fields, 'request');
    writeKnownLine(
      log,
      `,"req_id":"req_1","method":"GET","path":"/v1/x \\"q\\"","status":200,"duration_ms":0.125`,
      'request',
    );
    expect(lines).toHaveLength(2);
    const [viaPino, known] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(known!)).toEqual(Object.keys(viaPino!));
    expect({ ...known, time: 0 }).toEqual({ ...viaPino, time: 0 });
    expect(lines[1]!.endsWith('}\n')).toBe(true);

    log.level = 'warn';
    writeKnownLine(log, ',"a":1', 'request');
    expect(lines).toHaveLength(2);
  });

  it('writes a known-fields line through pino on a logger it did not make', () => {
    const lines: string[] = [];
    const other = pino({ base: null, timestamp: false }, { write: (s: string) => void lines.push(s) });
    writeKnownLine(other, ',"status":404,"path":"/x"', 'request');
    expect(JSON.parse(lines[0]!)).toEqual({ level: 30, status: 404, path: '/x', msg: 'request' });
  });
});
