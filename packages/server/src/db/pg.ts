import { Pool } from 'pg';
import type { PoolClient } from 'pg';
import type { Db } from './types';

function clientDb(client: PoolClient): Db {
  const self: Db = {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const r = await client.query(sql, [...params]);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    transaction: (fn) => fn(self),
    close: async () => {
      throw new Error('close() called on a transaction');
    },
  };
  return self;
}

/** Options for the PostgreSQL pool (scale-out mode). */
export interface PgDbOptions {
  connectionString: string;
  max?: number;
  /** A schema to use as search_path on every connection (test isolation). */
  schema?: string;
}

/** A `pg` pool speaking to a real PostgreSQL server, shared by any number of server instances. */
export function createPgDb(opts: PgDbOptions): Db & { pool: Pool } {
  const pool = new Pool({
    connectionString: opts.connectionString,
    max: opts.max ?? 10,
    ...(opts.schema !== undefined ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return {
    pool,
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const r = await pool.query(sql, [...params]);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(clientDb(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          // A client that cannot roll back is in an unknown state: destroy it rather than reuse it.
          broken = rollbackError;
        });
        throw e;
      } finally {
        client.release(broken);
      }
    },
    async close() {
      await pool.end();
    },
  };
}
