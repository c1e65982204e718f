import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecryptError, Keyring, UnknownKeyError } from '../crypto/envelope';
import { createTestDb } from '../testing/test-db';
import type { TestDb } from '../testing/test-db';
import { createTenant } from './accounts';
import { loadCredentials, rewrapCredentials, storeCredentials } from './credentials';

let db: TestDb;
let env: string;
const k1 = { kid: 'k1', key: randomBytes(32) };
const k2 = { kid: 'k2', key: randomBytes(32) };
const now = new Date();
const ids = ['conn_a', 'conn_b', 'conn_c', 'conn_d', 'conn_e'];

beforeAll(async () => {
  db = await createTestDb();
  env = (await createTenant(db, randomBytes(32), now, { name: 'Crypto Co' })).environments.test?.id ?? '';
  for (const id of ids) {
    await db.query(
      `INSERT INTO connections (id, environment_id, status, system_id, system_name, auth_method, end_user_id, end_user, created_at, updated_at)
       VALUES ($1, $2, 'active', 'fake', 'Fake', 'api_key', 'u', '{"id":"u"}'::jsonb, $3, $3)`,
      [id, env, now],
    );
  }
});
afterAll(() => db.close());

describe('credentials at rest', () => {
  it('rotation drill: k1 → k2 → re-wrap (resumable) → nothing under k1 → k1 dropped → every row decrypts', async () => {
    const ring1 = new Keyring([k1]);
    for (const id of ids)
      await db.transaction((tx) =>
        storeCredentials(tx, { keyring: ring1 }, env, id, { api_key: `canary-${id}` }, now),
      );
    const ring21 = new Keyring([k2, k1]);
    // A re-wrap run stopped after two rows, then resumed: nothing lost, nothing done twice.
    expect(await rewrapCredentials(db, { keyring: ring21 }, 2)).toBe(2);
    const { rows: mid } = await db.query<{ kid: string; n: number }>(
      'SELECT kid, count(*)::int AS n FROM credentials GROUP BY kid ORDER BY kid',
    );
    expect(mid).toEqual([
      { kid: 'k1', n: 3 },
      { kid: 'k2', n: 2 },
    ]);
    expect(await rewrapCredentials(db, { keyring: ring21 })).toBe(3);
    expect(await rewrapCredentials(db, { keyring: ring21 })).toBe(0);
    const { rows } = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM credentials WHERE kid = 'k1'",
    );
    expect(rows[0]?.n).toBe(0);
    const ring2 = new Keyring([k2]);
    for (const id of ids)
      expect(await loadCredentials(db, { keyring: ring2 }, env, id)).toEqual({ api_key: `canary-${id}` });
    // The dump holds no canary.
    const dump = JSON.stringify((await db.query('SELECT * FROM credentials')).rows);
    expect(dump).not.toContain('canary');
  });

  it('refuses swapped rows and unknown keys', async () => {
    const ring = new Keyring([k2]);
    const { rows } = await db.query<{ connection_id: string; blob: unknown }>(
      "SELECT connection_id, blob FROM credentials WHERE connection_id IN ('conn_a', 'conn_b') ORDER BY connection_id",
    );
    await db.query('UPDATE credentials SET blob = $2::jsonb WHERE connection_id = $1', [
      'conn_a',
      JSON.stringify(rows[1]?.blob),
    ]);
    await expect(loadCredentials(db, { keyring: ring }, env, 'conn_a')).rejects.toBeInstanceOf(DecryptError);
    await expect(loadCredentials(db, { keyring: new Keyring([k1]) }, env, 'conn_b')).rejects.toBeInstanceOf(
      UnknownKeyError,
    );
    expect(await loadCredentials(db, { keyring: ring }, env, 'conn_missing')).toBeNull();
  });
});
