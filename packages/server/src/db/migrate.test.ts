import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPgliteDb } from './pglite';
import { createPgDb } from './pg';
import { loadMigrations, migrate } from './migrate';
import { testDatabaseUrl } from '../testing/test-db';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flange-mig-'));
  for (const [name, sql] of Object.entries(files)) writeFileSync(path.join(dir, name), sql);
  return dir;
}

describe('migrations', () => {
  it('loads NNNN-name.sql in version order and refuses stray names and duplicates', () => {
    const real = loadMigrations();
    expect(real[0]?.version).toBe(1);
    expect(real.every((m, i) => i === 0 || m.version > (real[i - 1]?.version ?? 0))).toBe(true);
    const ok = dirWith({ '0002-b.sql': 'SELECT 2;', '0001-a.sql': 'SELECT 1;', 'README.md': 'x' });
    expect(loadMigrations(ok).map((m) => m.name)).toEqual(['a', 'b']);
    expect(() => loadMigrations(dirWith({ 'init.sql': 'x' }))).toThrow(/NNNN-name/);
    expect(() => loadMigrations(dirWith({ '0001-a.sql': 'x', '0001-b.sql': 'y' }))).toThrow(
      /share version 1/,
    );
    for (const d of [ok]) rmSync(d, { recursive: true });
  });

  it('applies pending migrations once, in one transaction, and notices edited files', async () => {
    const db = await createPgliteDb();
    try {
      const dir = dirWith({
        '0001-a.sql': 'CREATE TABLE a (id int); CREATE TABLE a2 (id int);',
        '0002-b.sql': 'CREATE TABLE b (id int);',
      });
      expect(await migrate(db, loadMigrations(dir))).toEqual({ applied: [1, 2], changed: [] });
      expect(await migrate(db, loadMigrations(dir))).toEqual({ applied: [], changed: [] });
      writeFileSync(path.join(dir, '0002-b.sql'), 'CREATE TABLE b (id bigint);');
      writeFileSync(path.join(dir, '0003-c.sql'), 'CREATE TABLE c (id int);');
      expect(await migrate(db, loadMigrations(dir))).toEqual({ applied: [3], changed: [2] });
      // A failing migration rolls back everything of its run: no half schema, no record.
      writeFileSync(path.join(dir, '0004-d.sql'), 'CREATE TABLE d (id int);');
      writeFileSync(path.join(dir, '0005-e.sql'), 'CREATE TABLE e (id int); SELECT * FROM missing_table;');
      await expect(migrate(db, loadMigrations(dir))).rejects.toThrow(/missing_table/);
      const { rows } = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_tables WHERE tablename IN ('d', 'e')",
      );
      expect(rows[0]?.n).toBe(0);
      const { rows: versions } = await db.query<{ version: number }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
      rmSync(dir, { recursive: true });
    } finally {
      await db.close();
    }
  });

  // Needs a PostgreSQL server: several pools stand for several instances starting at once.
  describe.skipIf(testDatabaseUrl() === null)('on PostgreSQL (FLANGE_TEST_DATABASE_URL)', () => {
    it('is safe when several instances migrate at the same time', async () => {
      const url = testDatabaseUrl() ?? '';
      const schema = `flange_mig_${Date.now().toString(36)}`;
      const admin = createPgDb({ connectionString: url });
      await admin.exec(`CREATE SCHEMA ${schema}`);
      const pools = [0, 1, 2, 3].map(() => createPgDb({ connectionString: url, schema, max: 2 }));
      try {
        const results = await Promise.all(pools.map((p) => migrate(p)));
        const applied = results.flatMap((r) => r.applied);
        expect(applied.sort((a, b) => a - b)).toEqual(loadMigrations().map((m) => m.version));
        const { rows } = await admin.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${schema}.schema_migrations`,
        );
        expect(rows[0]?.n).toBe(loadMigrations().length);
      } finally {
        await Promise.all(pools.map((p) => p.close()));
        await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
        await admin.close();
      }
    });
  });
});
