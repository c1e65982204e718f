import { randomBytes } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Keyring } from '../crypto/envelope';
import type { Db } from '../db/types';
import { rewrapCredentials } from '../services/credentials';
import { silentLogger } from '../webhooks/deps';
import { createWebhooks } from '../webhooks/index';
import { fetchSend } from '../webhooks/send';
import {
  createTestDb,
  sampleConnection,
  startReceiver,
  TEST_SCOPE,
  type Receiver,
} from '../webhooks/test-support';
import { keyringSecretBox } from './secret-box';

let db: Db;
let receiver: Receiver;
const k1 = { kid: 'k1', key: randomBytes(32) };
const k2 = { kid: 'k2', key: randomBytes(32) };

beforeAll(async () => {
  db = await createTestDb();
  receiver = await startReceiver();
}, 60_000);
afterAll(async () => {
  await receiver.close();
  await db.close();
});

const webhooksUnder = (keyring: Keyring) =>
  createWebhooks({
    db,
    clock: { now: () => new Date() },
    logger: silentLogger,
    send: fetchSend(),
    secrets: keyringSecretBox(keyring),
    checkUrl: async () => null,
    dispatcher: { random: () => 0.5 },
  });

describe('webhook secrets under a rolled encryption key', { timeout: 60_000 }, () => {
  it('rewrapCredentials moves them to the new key (resumably); after the old key is dropped, webhooks still verify', async () => {
    const before = webhooksUnder(new Keyring([k1]));
    const a = await before.endpoints.create(TEST_SCOPE, { url: `${receiver.url}/a` });
    const b = await before.endpoints.create(TEST_SCOPE, { url: `${receiver.url}/b` });
    // b is mid-roll: both its secrets sign, so both must survive the key change.
    const bRolled = await before.endpoints.rollSecret(TEST_SCOPE, b.id, { expires_in_seconds: 3600 });
    const deleted = await before.endpoints.create(TEST_SCOPE, { url: `${receiver.url}/deleted` });
    await before.endpoints.remove(TEST_SCOPE, deleted.id);

    const rolled = new Keyring([k2, k1]);
    // Stopped after two rows, then resumed: nothing lost, nothing done twice.
    expect(await rewrapCredentials(db, { keyring: rolled }, 2)).toBe(2);
    expect(await rewrapCredentials(db, { keyring: rolled })).toBe(1);
    expect(await rewrapCredentials(db, { keyring: rolled })).toBe(0);
    const { rows } = await db.query<{ secret_sealed: string; previous_secret_sealed: string | null }>(
      'SELECT secret_sealed, previous_secret_sealed FROM webhook_endpoints',
    );
    const kids = rows.flatMap((r) =>
      [r.secret_sealed, r.previous_secret_sealed].filter((x) => x !== null).map((x) => JSON.parse(x).kid),
    );
    expect(kids).toEqual(['k2', 'k2', 'k2', 'k2']);
    const dump = JSON.stringify(rows);
    for (const secret of [a.secret, b.secret, bRolled.secret]) expect(dump).not.toContain(secret.slice(6));

    // The old key is gone: a webhook signed now still verifies with the secrets the host holds.
    const after = webhooksUnder(new Keyring([k2]));
    await db.transaction((tx) =>
      after.outbox.enqueue(tx, TEST_SCOPE.environmentId, {
        type: 'connection.created',
        data: { connection: sampleConnection({ id: 'conn_after_roll' }) },
      }),
    );
    while ((await after.dispatcher.runOnce()) > 0) {
      // until nothing is due
    }
    const at = (path: string) => receiver.requests.find((r) => r.path === `/hooks/${path}`);
    expect(receiver.requests.map((r) => r.path).sort()).toEqual(['/hooks/a', '/hooks/b']);
    const hookA = at('a')!;
    const hookB = at('b')!;
    expect(new Webhook(a.secret).verify(hookA.body, hookA.headers)).toMatchObject({
      type: 'connection.created',
      data: { connection: { id: 'conn_after_roll' } },
    });
    expect(hookB.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    for (const secret of [b.secret, bRolled.secret]) {
      expect(new Webhook(secret).verify(hookB.body, hookB.headers)).toMatchObject({
        type: 'connection.created',
      });
    }
    expect(() => new Webhook(a.secret).verify(hookB.body, hookB.headers)).toThrow(WebhookVerificationError);
  });
});
