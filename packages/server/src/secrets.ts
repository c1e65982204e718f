import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Keyring, parseKeyList } from './crypto/envelope';
import type { Config } from './config';

export const LOCAL_KEYS_FILE = 'encryption-keys';
export const LOCAL_PEPPER_FILE = 'token-pepper';

/** Read a file created once with `make` (mode 0600); `wx` makes concurrent first starts agree on one value. */
function readOrCreate(file: string, make: () => string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${make()}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * The keyring and token pepper: from FLANGE_ENCRYPTION_KEYS / FLANGE_TOKEN_PEPPER when set, else (the
 * embedded default) generated once and kept in the data dir, next to the database they protect.
 */
export function resolveSecrets(config: Config): { keyring: Keyring; pepper: Buffer; generated: string[] } {
  const generated: string[] = [];
  let keyring: Keyring;
  if (config.encryptionKeys !== null) {
    keyring = new Keyring(config.encryptionKeys);
  } else {
    const file = path.join(config.dataDir, LOCAL_KEYS_FILE);
    const text = readOrCreate(file, () => {
      generated.push(file);
      return `local1:${randomBytes(32).toString('base64')}`;
    });
    keyring = new Keyring(parseKeyList(text.replace(/\s+/g, ',')));
  }
  let pepper: Buffer;
  if (config.tokenPepper !== null) {
    pepper = Buffer.from(config.tokenPepper, 'utf8');
  } else {
    const file = path.join(config.dataDir, LOCAL_PEPPER_FILE);
    pepper = Buffer.from(
      readOrCreate(file, () => {
        generated.push(file);
        return randomBytes(32).toString('base64');
      }),
      'utf8',
    );
  }
  return { keyring, pepper, generated };
}
