import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { open, seal } from './crypto/envelope';
import { LOCAL_KEYS_FILE, LOCAL_PEPPER_FILE, resolveSecrets } from './secrets';

const dir = mkdtempSync(path.join(os.tmpdir(), 'flange-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('resolveSecrets', () => {
  it('generates a KEK and a pepper once in the data dir (0600), then reuses them', () => {
    const config = loadConfig({ FLANGE_DATA_DIR: dir }, { cwd: '/', hostedDist: '/x' });
    const first = resolveSecrets(config);
    expect(first.generated.sort()).toEqual(
      [path.join(dir, LOCAL_KEYS_FILE), path.join(dir, LOCAL_PEPPER_FILE)].sort(),
    );
    expect(statSync(path.join(dir, LOCAL_KEYS_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, LOCAL_PEPPER_FILE)).mode & 0o777).toBe(0o600);
    const blob = seal(first.keyring, 'hello', { tenant: 't', subject: 's' });
    const second = resolveSecrets(config);
    expect(second.generated).toEqual([]);
    expect(open(second.keyring, blob, { tenant: 't', subject: 's' }).toString()).toBe('hello');
    expect(second.pepper.equals(first.pepper)).toBe(true);
  });

  it('uses FLANGE_ENCRYPTION_KEYS and FLANGE_TOKEN_PEPPER when given, writing nothing', () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'flange-secrets-env-'));
    const config = loadConfig(
      {
        FLANGE_DATA_DIR: empty,
        FLANGE_ENCRYPTION_KEYS: `prod2:${Buffer.alloc(32, 1).toString('base64')}`,
        FLANGE_TOKEN_PEPPER: 'q'.repeat(32),
      },
      { cwd: '/', hostedDist: '/x' },
    );
    const s = resolveSecrets(config);
    expect(s.keyring.activeKid).toBe('prod2');
    expect(s.pepper.toString()).toBe('q'.repeat(32));
    expect(s.generated).toEqual([]);
    rmSync(empty, { recursive: true });
  });
});
