import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_PATTERNS } from '@flange/protocol';
import { authenticateSecretKey } from './secret-keys';
import { hashToken } from '../crypto/tokens';
import { DEMO_SECRET_KEY_FILE, DEMO_TEST_ENVIRONMENT_ID, ensureDemoAccount } from './accounts';
import { createTestDb } from '../testing/test-db';
import type { TestDb } from '../testing/test-db';

let db: TestDb;
const pepper = randomBytes(32);
const now = new Date('2030-01-01T00:00:00Z');
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(() => db.close());

describe('demo account seeding', () => {
  it('creates Acme Reliability with a test environment and a key generated once and kept in the data dir', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'flange-demo-'));
    try {
      const first = await ensureDemoAccount(db, pepper, now, { dataDir: dir, secretKey: null });
      expect(first).toMatchObject({
        environmentId: DEMO_TEST_ENVIRONMENT_ID,
        generated: true,
        keyFile: path.join(dir, DEMO_SECRET_KEY_FILE),
      });
      const key = readFileSync(path.join(dir, DEMO_SECRET_KEY_FILE), 'utf8').trim();
      expect(key).toMatch(TOKEN_PATTERNS.secret_key);
      expect(key.startsWith('flk_test_')).toBe(true);
      expect(statSync(path.join(dir, DEMO_SECRET_KEY_FILE)).mode & 0o777).toBe(0o600);
      expect(await authenticateSecretKey(db, hashToken(pepper, key), now)).toMatchObject({
        environmentId: DEMO_TEST_ENVIRONMENT_ID,
        environment: 'test',
      });
      const { rows } = await db.query<{ name: string; logo_url: string }>(
        "SELECT name, logo_url FROM accounts WHERE id = 'acct_demo'",
      );
      expect(rows[0]?.name).toBe('Acme Reliability');
      expect(rows[0]?.logo_url).toMatch(/^data:image\/svg\+xml;base64,/);
      // Idempotent, also when several instances seed at once.
      const again = await Promise.all(
        [0, 1, 2].map(() => ensureDemoAccount(db, pepper, now, { dataDir: dir, secretKey: null })),
      );
      expect(again.every((r) => !r.generated)).toBe(true);
      expect(readFileSync(path.join(dir, DEMO_SECRET_KEY_FILE), 'utf8').trim()).toBe(key);
      const { rows: keys } = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM secret_keys WHERE environment_id = $1',
        [DEMO_TEST_ENVIRONMENT_ID],
      );
      expect(keys[0]?.n).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes the key from FLANGE_DEMO_SECRET_KEY, and the earlier generated key stops working', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'flange-demo-'));
    try {
      const generated = await ensureDemoAccount(db, pepper, now, { dataDir: dir, secretKey: null });
      const oldKey = readFileSync(generated.keyFile ?? '', 'utf8').trim();
      const configured = `flk_test_${'D'.repeat(40)}`;
      const r = await ensureDemoAccount(db, pepper, now, { dataDir: dir, secretKey: configured });
      expect(r).toMatchObject({ keyFile: null, generated: false });
      expect(await authenticateSecretKey(db, hashToken(pepper, configured), now)).toMatchObject({
        environment: 'test',
      });
      await expect(authenticateSecretKey(db, hashToken(pepper, oldKey), now)).rejects.toMatchObject({
        code: 'TOKEN_REVOKED',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
