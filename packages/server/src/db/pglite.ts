import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Transaction } from '@electric-sql/pglite';
import type { Db } from './types';

function txDb(tx: Transaction): Db {
  const self: Db = {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const r = await tx.query<T>(sql, [...params]);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async exec(sql: string) {
      await tx.exec(sql);
    },
    transaction: (fn) => fn(self),
    close: async () => {
      throw new Error('close() called on a transaction');
    },
  };
  return self;
}

/** Options for the embedded database. */
export interface PgliteOptions {
  /** Folder holding the database files; omitted: in memory (tests). */
  dataDir?: string;
  /** A data directory dump (from `dumpDataDir`) to start from instead of running initdb. */
  loadDataDir?: Blob | File;
}

/** The embedded PostgreSQL (WASM, in-process): persisted in `dataDir`, or in memory. */
export async function createPgliteDb(opts: PgliteOptions = {}): Promise<Db & { pglite: PGlite }> {
  if (opts.dataDir !== undefined) mkdirSync(opts.dataDir, { recursive: true });
  const pglite = new PGlite({
    ...(opts.dataDir !== undefined ? { dataDir: opts.dataDir } : {}),
    ...(opts.loadDataDir !== undefined ? { loadDataDir: opts.loadDataDir } : {}),
  });
  await pglite.waitReady;
  return {
    pglite,
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const r = await pglite.query<T>(sql, [...params]);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async exec(sql: string) {
      await pglite.exec(sql);
    },
    transaction: (fn) => pglite.transaction((tx) => fn(txDb(tx))),
    async close() {
      if (!pglite.closed) await pglite.close();
    },
  };
}
