import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { loadMigrations, migrate } from '../db/migrate';
import { createPgDb } from '../db/pg';
import { createPgliteDb } from '../db/pglite';
import type { Db } from '../db/types';

/** Which storage a test run uses: PGlite by default, PostgreSQL when FLANGE_TEST_DATABASE_URL is set. */
export function testDatabaseUrl(): string | null {
  const url = process.env.FLANGE_TEST_DATABASE_URL;
  return url !== undefined && url !== '' ? url : null;
}

/** A migrated database owned by one test file. */
export interface TestDb extends Db {
  kind: 'pglite' | 'postgres';
}

/**
 * A fresh, migrated database for one test file.
 * - Default: in-memory PGlite, started from a migrated template kept in the OS temp folder (keyed by
 *   the migrations' checksums), which skips initdb for every file after the first.
 * - FLANGE_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test: a new schema on that server,
 *   dropped on close, so files running in parallel never see each other's rows.
 */
export async function createTestDb(): Promise<TestDb> {
  const url = testDatabaseUrl();
  if (url !== null) return createPostgresTestDb(url);
  const template = await pgliteTemplate();
  const db = await createPgliteDb({ loadDataDir: new Blob([template]) });
  // The template may predate a migration added since: migrate() applies whatever is missing.
  await migrate(db);
  return Object.assign(db, { kind: 'pglite' as const });
}

async function pgliteTemplate(): Promise<Buffer> {
  const sum = createHash('sha256');
  for (const m of loadMigrations()) sum.update(`${m.version}:${m.checksum};`);
  const file = path.join(os.tmpdir(), `flange-pglite-template-${sum.digest('hex').slice(0, 16)}.tar`);
  if (existsSync(file)) return readFileSync(file);
  const db = await createPgliteDb();
  try {
    await migrate(db);
    const dump = await db.pglite.dumpDataDir('none');
    const bytes = Buffer.from(await dump.arrayBuffer());
    // Write then rename: a parallel worker reads either nothing or the whole file.
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
    return bytes;
  } finally {
    await db.close();
  }
}

async function createPostgresTestDb(url: string): Promise<TestDb> {
  const schema = `flange_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const db = createPgDb({ connectionString: url, schema, max: 5 });
  await migrate(db);
  const close = db.close;
  return Object.assign(db, {
    kind: 'postgres' as const,
    async close() {
      await close();
      const c = new Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  });
}
