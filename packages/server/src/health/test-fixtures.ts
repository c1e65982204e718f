/** Fixtures for the health monitor suites: connections as the server stores them, and a scripted verifier. */
import type { ConnectionStatus, ErrorCode, WebhookEvent } from '@flange/protocol';
import type { Db } from '../db/types';
import type { VerifyConnection, VerifyOutcome } from './ports';

/** Insert a connection row the way the attempt runner does, in `env_test` unless told otherwise. */
export async function insertConnection(
  db: Db,
  opts: {
    id: string;
    status?: ConnectionStatus;
    environmentId?: string;
    lastVerifiedAt: Date;
    nextCheckAt?: Date | null;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO connections (id, environment_id, status, system_id, system_name, auth_method, instance_url,
                              end_user_id, end_user, last_verified_at, next_check_at, created_at, updated_at)
     VALUES ($1, $2, $3, 'ibm-maximo', 'IBM Maximo', 'api_key', 'https://maximo.example.com/maximo',
             'user-1', '{"id":"user-1"}'::jsonb, $4, $5, $4, $4)`,
    [
      opts.id,
      opts.environmentId ?? 'env_test',
      opts.status ?? 'active',
      opts.lastVerifiedAt,
      opts.nextCheckAt ?? null,
    ],
  );
}

export const OK: VerifyOutcome = {
  ok: true,
  steps: [
    { step: 'connect', status: 'succeeded', duration_ms: 12 },
    { step: 'authenticate', status: 'succeeded', duration_ms: 40 },
  ],
};

export function failure(code: ErrorCode, displayMessage: string | null = null): VerifyOutcome {
  return { ok: false, code, displayMessage, steps: [{ step: 'connect', status: 'failed' }] };
}

/** A verifier that answers from a per-connection script (the last answer repeats) and counts its calls. */
export function scriptedVerify(script: Record<string, VerifyOutcome[]>) {
  const calls: string[] = [];
  const verify: VerifyConnection = async (connection) => {
    calls.push(connection.id);
    const answers = script[connection.id];
    if (!answers || answers.length === 0) throw new Error(`no scripted answer for ${connection.id}`);
    return answers.length > 1 ? answers.shift()! : answers[0]!;
  };
  return { verify, calls };
}

/** The events the outbox holds, oldest first. */
export async function events(db: Db): Promise<WebhookEvent[]> {
  const { rows } = await db.query<{ body: string }>(
    'SELECT body FROM webhook_events ORDER BY created_at, id',
  );
  return rows.map((r) => JSON.parse(r.body) as WebhookEvent);
}

export async function status(
  db: Db,
  id: string,
): Promise<{ status: ConnectionStatus; next_check_at: Date | null }> {
  const { rows } = await db.query<{ status: ConnectionStatus; next_check_at: Date | null }>(
    'SELECT status, next_check_at FROM connections WHERE id = $1',
    [id],
  );
  return rows[0]!;
}
