import type { AttemptEvent, AttemptState, CreateAttemptBody, FieldSpec } from '@flange/protocol';
import { checkFields } from '@flange/protocol';
import type { AppContext } from '../context';
import { open } from '../crypto/envelope';
import { newId } from '../crypto/random';
import type { Db } from '../db/types';
import { ApiError } from '../http/problem';
import { lockoutKeys, reserveAttempt } from './lockout';
import type { LockoutReservation } from './lockout';
import { sessionAllows } from './sessions';
import type { SessionRow } from './sessions';

/** An attempt as stored. */
export interface AttemptRow {
  id: string;
  session_id: string;
  environment_id: string;
  system_id: string;
  auth_method: string;
  status: 'running' | 'succeeded' | 'failed';
  safe_values: Record<string, string>;
  lockout: LockoutReservation | null;
  error_code: string | null;
  connection_id: string | null;
  public_token_blob: unknown;
  created_at: Date;
  finished_at: Date | null;
}

/** Field kinds whose values may be kept in clear for a reload (never secrets, files or one-time codes). */
const SAFE_KINDS = new Set<FieldSpec['kind']>(['url', 'text', 'select']);

/** Validate a new attempt against the session, the catalog, the form spec and the lockout guard, and store it. */
export async function createAttempt(
  ctx: AppContext,
  session: SessionRow,
  body: CreateAttemptBody,
): Promise<{ attempt: AttemptRow; values: Record<string, string> }> {
  if (!sessionAllows(session, body.system_id)) {
    throw new ApiError('SYSTEM_NOT_ALLOWED', {
      detail: `The session does not offer the system "${body.system_id.slice(0, 100)}".`,
      param: 'system_id',
    });
  }
  const connector = ctx.connectors.get(body.system_id);
  if (!connector) throw new ApiError('INVALID_REQUEST', { detail: 'Unknown system.', param: 'system_id' });
  if (connector.summary.availability !== 'available') {
    throw new ApiError('SYSTEM_NOT_AVAILABLE', {
      detail: `${connector.summary.name} has no connector yet; it can be requested instead.`,
      display_message: `${connector.summary.name} can't be connected yet. You can ask for it and we'll let your provider know.`,
      param: 'system_id',
    });
  }
  const method = connector.authMethods.find((m) => m.id === body.auth_method);
  if (!method) {
    throw new ApiError('INVALID_REQUEST', {
      detail: `Unknown auth_method for ${connector.summary.name}; use one of: ${connector.authMethods.map((m) => m.id).join(', ')}.`,
      param: 'auth_method',
    });
  }
  const checked = checkFields(method.fields, body.values);
  if (!checked.ok) {
    const issues = Object.entries(checked.errors).map(([path, message]) => ({ path, message }));
    throw new ApiError('INVALID_REQUEST', {
      detail: `Some fields need attention: ${issues.map((i) => i.path).join(', ')}.`,
      display_message: issues[0]?.message ?? 'Check the highlighted fields.',
      ...(issues[0] ? { param: issues[0].path } : {}),
      issues,
    });
  }
  if (session.connection_id !== null) {
    throw new ApiError('CONFLICT', {
      detail: 'This session already connected a system; create a new session for another connection.',
    });
  }
  const values = checked.values;
  const safe: Record<string, string> = {};
  for (const f of method.fields) {
    const v = values[f.key];
    if (v !== undefined && SAFE_KINDS.has(f.kind)) safe[f.key] = v;
  }
  const keys = lockoutKeys(
    ctx.pepper,
    ctx.connectors.loginIdentity(body.system_id, body.auth_method, values),
  );
  const now = ctx.clock.now();
  const attempt = await ctx.db.transaction(async (tx) => {
    await reserveAttempt(tx, ctx.config.lockout, { sessionId: session.id, keys, now });
    const { rows } = await tx.query<AttemptRow>(
      `INSERT INTO attempts (id, session_id, environment_id, system_id, auth_method, status, safe_values, lockout, created_at)
       VALUES ($1, $2, $3, $4, $5, 'running', $6::jsonb, $7::jsonb, $8) RETURNING *`,
      [
        newId('att'),
        session.id,
        session.environment_id,
        body.system_id,
        body.auth_method,
        JSON.stringify(safe),
        JSON.stringify(keys),
        now,
      ],
    );
    const row = rows[0];
    if (!row) throw new Error('attempt insert returned nothing');
    return row;
  });
  return { attempt, values };
}

/** An attempt of this session, or 404. */
export async function getAttempt(db: Db, sessionId: string, id: string): Promise<AttemptRow> {
  const { rows } = await db.query<AttemptRow>('SELECT * FROM attempts WHERE id = $1 AND session_id = $2', [
    id,
    sessionId,
  ]);
  const a = rows[0];
  if (!a) throw new ApiError('NOT_FOUND', { detail: 'No attempt with this id in this session.' });
  return a;
}

/** Append one event (the runner is an attempt's only writer, so it numbers them). */
export async function appendEvent(
  db: Db,
  attemptId: string,
  seq: number,
  event: AttemptEvent,
  now: Date,
): Promise<void> {
  await db.query(
    'INSERT INTO attempt_events (attempt_id, seq, event, created_at) VALUES ($1, $2, $3::jsonb, $4)',
    [attemptId, seq, JSON.stringify(event), now],
  );
}

/**
 * Events after `afterSeq`, in order; the final `succeeded` gets its public token back from its envelope.
 * One statement reads the events and the token together, so both come from the same snapshot.
 */
export async function readEvents(
  ctx: AppContext,
  attempt: Pick<AttemptRow, 'id' | 'environment_id'>,
  afterSeq: number,
): Promise<{ seq: number; event: AttemptEvent }[]> {
  const { rows } = await ctx.db.query<{ seq: number; event: AttemptEvent; public_token_blob: unknown }>(
    `SELECT e.seq, e.event, a.public_token_blob
       FROM attempt_events e JOIN attempts a ON a.id = e.attempt_id
      WHERE e.attempt_id = $1 AND e.seq > $2 ORDER BY e.seq`,
    [attempt.id, afterSeq],
  );
  return rows.map((r) => {
    if (r.event.type !== 'succeeded') return { seq: r.seq, event: r.event };
    const publicToken = open(ctx.keyring, r.public_token_blob, {
      tenant: attempt.environment_id,
      subject: attempt.id,
    }).toString('utf8');
    return { seq: r.seq, event: { ...r.event, public_token: publicToken } };
  });
}

/** An attempt interrupted by a crash elsewhere stays `running` forever; past its deadline it is failed. */
export async function reapIfStale(ctx: AppContext, attempt: AttemptRow): Promise<AttemptRow> {
  if (attempt.status !== 'running' || ctx.runner.isRunning(attempt.id)) return attempt;
  const now = ctx.clock.now();
  const deadline = attempt.created_at.getTime() + ctx.config.attemptTimeoutMs + 30_000;
  if (now.getTime() < deadline) return attempt;
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<AttemptRow>('SELECT * FROM attempts WHERE id = $1 FOR UPDATE', [
      attempt.id,
    ]);
    const current = rows[0];
    if (!current || current.status !== 'running') return current ?? attempt;
    const { rows: last } = await tx.query<{ seq: number | null }>(
      'SELECT max(seq) AS seq FROM attempt_events WHERE attempt_id = $1',
      [attempt.id],
    );
    const event: AttemptEvent = {
      type: 'failed',
      error: {
        code: 'SERVICE_UNAVAILABLE',
        step: 'connect',
        display_message: 'The check was interrupted on our side. Please try again.',
        retryable: true,
      },
    };
    await appendEvent(tx, attempt.id, (last[0]?.seq ?? 0) + 1, event, now);
    const { rows: updated } = await tx.query<AttemptRow>(
      `UPDATE attempts SET status = 'failed', error_code = 'SERVICE_UNAVAILABLE', finished_at = $2 WHERE id = $1 RETURNING *`,
      [attempt.id, now],
    );
    ctx.logger.warn({ attempt_id: attempt.id }, 'stale attempt failed');
    return updated[0] ?? current;
  });
}

/** The whole state of an attempt, for a reload. */
export async function attemptState(ctx: AppContext, attempt: AttemptRow): Promise<AttemptState> {
  const events = await readEvents(ctx, attempt, 0);
  return {
    id: attempt.id,
    system_id: attempt.system_id,
    auth_method: attempt.auth_method,
    status: attempt.status,
    events: events.map((e) => e.event),
    values: attempt.safe_values,
  };
}
