import { open, rewrap, seal, type Keyring } from '../crypto/envelope';
import type { Db } from '../db/types';
import type { SecretBox } from '../webhooks/ports';

/** What a webhook secret's envelope is bound to: its endpoint, so a sealed secret moved to another row fails. */
const context = (endpointId: string) => ({ tenant: 'webhook-endpoint', subject: endpointId });

/** Webhook signing secrets sealed with the server's keyring (AES-256-GCM envelope, bound to the endpoint id). */
export function keyringSecretBox(keyring: Keyring): SecretBox {
  return {
    seal: (plaintext, endpointId) => JSON.stringify(seal(keyring, plaintext, context(endpointId))),
    open: (sealed, endpointId) => {
      const plain = open(keyring, JSON.parse(sealed) as unknown, context(endpointId));
      try {
        return plain.toString('utf8');
      } finally {
        plain.fill(0);
      }
    },
  };
}

/**
 * Re-seal under the active KEK up to `batch` webhook endpoints whose secret, or previous secret, is still
 * under an older one (deleted endpoints too, so the old key can be dropped); returns how many moved. One
 * short transaction per row, locked, so a concurrent roll-secret is neither lost nor overwritten.
 */
export async function rewrapWebhookSecrets(db: Db, keyring: Keyring, batch = 100): Promise<number> {
  const active = keyring.activeKid;
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM webhook_endpoints
      WHERE secret_sealed::jsonb ->> 'kid' <> $1 OR previous_secret_sealed::jsonb ->> 'kid' <> $1
      ORDER BY id LIMIT $2`,
    [active, batch],
  );
  const reseal = (sealed: string, endpointId: string): string => {
    const blob = JSON.parse(sealed) as { kid?: unknown };
    return blob.kid === active ? sealed : JSON.stringify(rewrap(keyring, blob, context(endpointId)));
  };
  let moved = 0;
  for (const { id } of rows) {
    moved += await db.transaction(async (tx) => {
      const { rows: locked } = await tx.query<{
        secret_sealed: string;
        previous_secret_sealed: string | null;
      }>('SELECT secret_sealed, previous_secret_sealed FROM webhook_endpoints WHERE id = $1 FOR UPDATE', [
        id,
      ]);
      const r = locked[0];
      if (!r) return 0;
      const secret = reseal(r.secret_sealed, id);
      const previous = r.previous_secret_sealed === null ? null : reseal(r.previous_secret_sealed, id);
      if (secret === r.secret_sealed && previous === r.previous_secret_sealed) return 0;
      await tx.query(
        'UPDATE webhook_endpoints SET secret_sealed = $2, previous_secret_sealed = $3 WHERE id = $1',
        [id, secret, previous],
      );
      return 1;
    });
  }
  return moved;
}
