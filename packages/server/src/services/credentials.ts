import type { AppContext } from '../context';
import { open, rewrap, seal } from '../crypto/envelope';
import type { Db } from '../db/types';
import { rewrapWebhookSecrets } from '../lifecycle/secret-box';

/** Encrypt and store a connection's credentials (a fresh data key per write, wrapped by the active KEK). */
export async function storeCredentials(
  tx: Db,
  ctx: Pick<AppContext, 'keyring'>,
  environmentId: string,
  connectionId: string,
  credentials: Record<string, string>,
  now: Date,
): Promise<void> {
  const blob = seal(ctx.keyring, JSON.stringify(credentials), {
    tenant: environmentId,
    subject: connectionId,
  });
  await tx.query(
    `INSERT INTO credentials (connection_id, environment_id, kid, blob, updated_at) VALUES ($1, $2, $3, $4::jsonb, $5)
     ON CONFLICT (connection_id) DO UPDATE SET kid = EXCLUDED.kid, blob = EXCLUDED.blob, updated_at = EXCLUDED.updated_at`,
    [connectionId, environmentId, blob.kid, JSON.stringify(blob), now],
  );
}

/** Decrypt a connection's credentials for a verification (null when none are stored, e.g. revoked). */
export async function loadCredentials(
  db: Db,
  ctx: Pick<AppContext, 'keyring'>,
  environmentId: string,
  connectionId: string,
): Promise<Record<string, string> | null> {
  const { rows } = await db.query<{ blob: unknown }>(
    'SELECT blob FROM credentials WHERE connection_id = $1 AND environment_id = $2',
    [connectionId, environmentId],
  );
  const row = rows[0];
  if (!row) return null;
  const plain = open(ctx.keyring, row.blob, { tenant: environmentId, subject: connectionId });
  try {
    return JSON.parse(plain.toString('utf8')) as Record<string, string>;
  } finally {
    plain.fill(0);
  }
}

/**
 * Re-encrypt up to `batch` rows still under an older KEK with the active one: connection credentials, then
 * webhook endpoint secrets. Returns how many rows moved; run it until it answers 0, then the old key can go.
 * Each row is its own short transaction, so a run killed halfway loses nothing and a rerun resumes.
 */
export async function rewrapCredentials(
  db: Db,
  ctx: Pick<AppContext, 'keyring'>,
  batch = 100,
): Promise<number> {
  const active = ctx.keyring.activeKid;
  const { rows } = await db.query<{ connection_id: string }>(
    'SELECT connection_id FROM credentials WHERE kid <> $1 ORDER BY connection_id LIMIT $2',
    [active, batch],
  );
  let moved = 0;
  for (const { connection_id } of rows) {
    moved += await db.transaction(async (tx) => {
      const { rows: locked } = await tx.query<{ environment_id: string; kid: string; blob: unknown }>(
        'SELECT environment_id, kid, blob FROM credentials WHERE connection_id = $1 FOR UPDATE',
        [connection_id],
      );
      const r = locked[0];
      if (!r || r.kid === active) return 0;
      const blob = rewrap(ctx.keyring, r.blob, { tenant: r.environment_id, subject: connection_id });
      await tx.query('UPDATE credentials SET kid = $2, blob = $3::jsonb WHERE connection_id = $1', [
        connection_id,
        blob.kid,
        JSON.stringify(blob),
      ]);
      return 1;
    });
  }
  // Credentials first; the rest of the batch, if any, goes to the webhook secrets.
  if (rows.length < batch) moved += await rewrapWebhookSecrets(db, ctx.keyring, batch - rows.length);
  return moved;
}
