/**
 * A throwaway database on the local PostgreSQL (127.0.0.1:5432, trust auth), for running the server in its
 * scale-out storage mode. Uses the pg driver the server itself depends on.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { repoPath } from './paths';

interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
}
type PgModule = { Client: new (options: { connectionString: string }) => PgClient };

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin(sql: string): Promise<void> {
  const { Client } = createRequire(repoPath('packages/server/package.json'))('pg') as PgModule;
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Create an empty database; returns its URL and how to drop it. */
export async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `flange_bench_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  return {
    url: `postgres://postgres@127.0.0.1:5432/${name}`,
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** The variables the server requires next to DATABASE_URL (shared keys), plus the demo seed. */
export function postgresEnv(url: string): Record<string, string> {
  return {
    DATABASE_URL: url,
    FLANGE_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    FLANGE_TOKEN_PEPPER: randomBytes(32).toString('base64url'),
    FLANGE_SEED_DEMO: 'true',
  };
}
