import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './types';

/** One versioned SQL file, `NNNN-name.sql`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Arbitrary constant shared by every instance: the advisory lock that serializes migration runs. */
const MIGRATION_LOCK_KEY = 0x466c616e; // "Flan"

/** Read `NNNN-name.sql` files in version order; refuses duplicates and stray names. */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql'));
  const out: Migration[] = [];
  for (const file of files) {
    const m = /^(\d{4})-([a-z0-9-]+)\.sql$/.exec(file);
    if (!m) throw new Error(`Migration file ${file} must be named NNNN-name.sql`);
    const sql = readFileSync(path.join(dir, file), 'utf8');
    out.push({
      version: Number(m[1]),
      name: m[2] ?? '',
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    });
  }
  out.sort((a, b) => a.version - b.version);
  for (let i = 1; i < out.length; i++) {
    if (out[i]?.version === out[i - 1]?.version)
      throw new Error(`Two migrations share version ${out[i]?.version}`);
  }
  return out;
}

export interface MigrateResult {
  applied: number[];
  /** Versions whose file changed after it was applied (the database keeps the old version). */
  changed: number[];
}

/**
 * Apply every pending migration in version order, all in one transaction under an advisory lock, so
 * several instances starting at once apply each migration exactly once and never see half a schema.
 */
export async function migrate(db: Db, migrations: Migration[] = loadMigrations()): Promise<MigrateResult> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ version: number; checksum: string }>(
      'SELECT version, checksum FROM schema_migrations',
    );
    const done = new Map(rows.map((r) => [r.version, r.checksum]));
    const applied: number[] = [];
    const changed: number[] = [];
    for (const m of migrations) {
      const previous = done.get(m.version);
      if (previous !== undefined) {
        if (previous !== m.checksum) changed.push(m.version);
        continue;
      }
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        m.checksum,
      ]);
      applied.push(m.version);
    }
    return { applied, changed };
  });
}
