/**
 * Test helpers for the webhook, health and rate-limit suites: a real PGlite database with the migrations
 * applied, a movable clock, and an AES-256-GCM secret box. Imported only by *.test.ts files.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { migrate } from '../db/migrate';
import { createPgDb } from '../db/pg';
import type { Db } from '../db/types';
import { createTestDb as createServerTestDb } from '../testing/test-db';
import type { Clock } from './deps';
import type { SecretBox } from './ports';

/** The environments every suite uses: `env_test` (test) and `env_live` (live) of one account. */
export const TEST_SCOPE = { environmentId: 'env_test', environment: 'test' as const };
export const LIVE_SCOPE = { environmentId: 'env_live', environment: 'live' as const };

async function seed(db: Db): Promise<void> {
  await db.query(`INSERT INTO accounts (id, name, created_at) VALUES ('acc_1', 'Acme', now())`);
  await db.query(
    `INSERT INTO environments (id, account_id, kind, created_at)
     VALUES ('env_test', 'acc_1', 'test', now()), ('env_live', 'acc_1', 'live', now())`,
  );
}

/**
 * The server's test database (PGlite from a migrated template, or PostgreSQL when FLANGE_TEST_DATABASE_URL
 * is set) with the environments seeded.
 */
export async function createTestDb(): Promise<Db> {
  const db = await createServerTestDb();
  await seed(db);
  return db;
}

/** Empty every table but the migrations ledger and seed the environments again: a fresh start per test. */
export async function truncateAll(db: Db): Promise<void> {
  const { rows } = await db.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'",
  );
  if (rows.length > 0) await db.query(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(', ')} CASCADE`);
  await seed(db);
}

/** A clock the test moves by hand. */
export function manualClock(start = new Date()): Clock & { set(at: Date): void; advance(ms: number): void } {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    set: (at) => {
      now = at.getTime();
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

/** AES-256-GCM with the context as additional data, like the server's keyring (one key, no rotation). */
export function testSecretBox(): SecretBox {
  const key = randomBytes(32);
  return {
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context));
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64');
    },
    open(sealed, context) {
      const raw = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12), { authTagLength: 16 });
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

export interface ReceivedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  /** Replace how the next requests are answered. */
  respond(handler: (req: ReceivedRequest, res: import('node:http').ServerResponse) => void): void;
  close(): Promise<void>;
}

/** A webhook receiver on 127.0.0.1, port 0: records every request, answers 200 until told otherwise. */
export async function startReceiver(): Promise<Receiver> {
  const { createServer } = await import('node:http');
  const requests: ReceivedRequest[] = [];
  let handler: (req: ReceivedRequest, res: import('node:http').ServerResponse) => void = (_req, res) => {
    res.writeHead(200).end('ok');
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      const entry = { path: req.url ?? '/', headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(entry);
      handler(entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('receiver did not bind');
  return {
    url: `http://127.0.0.1:${address.port}/hooks`,
    requests,
    respond(h) {
      handler = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A connection as the protocol shows it, for event payloads in tests. */
export function sampleConnection(
  overrides: Partial<import('@flange/protocol').ConnectionView> = {},
): import('@flange/protocol').ConnectionView {
  return {
    id: 'conn_test1',
    object: 'connection',
    environment: 'test',
    status: 'active',
    reauthorization_required: false,
    system: { id: 'ibm-maximo', name: 'IBM Maximo' },
    auth_method: 'api_key',
    instance_url: 'https://maximo.example.com/maximo',
    end_user: { id: 'user-1', name: null, organization: null },
    account: {},
    entities_verified: [],
    created_at: '2026-01-01T00:00:00.000Z',
    last_verified_at: null,
    next_check_at: null,
    last_verification: null,
    metadata: {},
    ...overrides,
  };
}

/**
 * A real PostgreSQL database (127.0.0.1:5432, db `test`, or FLANGE_TEST_DATABASE_URL) in a schema of its own,
 * migrated and seeded; null when no server answers, so the caller can skip with that reason.
 */
export async function createPgTestDb(): Promise<Db | null> {
  const url = process.env['FLANGE_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = createPgDb({ connectionString: url, max: 1 });
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } catch {
    await admin.close();
    return null;
  }
  await admin.close();
  const db = createPgDb({ connectionString: url, schema, max: 6 });
  await migrate(db);
  await seed(db);
  return {
    ...db,
    async close() {
      await db.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
      await db.close();
    },
  };
}
