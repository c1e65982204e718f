import { createHmac } from 'node:crypto';
import type { LoginIdentity } from '@flange/connectors';
import type { AttemptError, ErrorCode, StepId } from '@flange/protocol';
import type { LockoutConfig } from '../config';
import type { Db } from '../db/types';
import { ApiError } from '../http/problem';

/**
 * Credential-stuffing guard (security.md §7, issue 3 "Lockout safety"). Failures are counted per
 * (instance host, username) and attempts per session, inside the transaction that creates the attempt,
 * before any upstream call. A started attempt reserves one failure at once, so parallel attempts cannot
 * pass the limit together; success clears the count, a failure before sign-in gives the reservation back.
 */

/** The counters an attempt reserved, stored on the attempt and settled when it ends. */
export interface LockoutReservation {
  identityKey: string | null;
  hostKey: string | null;
}

/** Outcomes that were a sign-in the upstream system counted against the user. */
const SIGN_IN_FAILURES = new Set<ErrorCode>([
  'INVALID_CREDENTIALS',
  'LOGIN_FAILED',
  'ACCOUNT_LOCKED',
  'PASSWORD_EXPIRED',
  'MFA_REQUIRED',
  'KEY_EXPIRED',
  'IP_BLOCKED',
]);

const AFTER_SIGN_IN = new Set<StepId>(['authorize', 'logout', 'store']);

function hashed(pepper: Buffer, text: string): string {
  return createHmac('sha256', pepper).update(`lockout|${text}`).digest('hex');
}

/** Counter keys for an identity: the user at a host, and the host itself (for IP blocks). */
export function lockoutKeys(pepper: Buffer, identity: LoginIdentity | null): LockoutReservation {
  if (identity === null) return { identityKey: null, hostKey: null };
  const host = identity.host.toLowerCase();
  return {
    identityKey: `idn:${hashed(pepper, `${host}|${identity.principal.toLowerCase()}`)}`,
    hostKey: `host:${hashed(pepper, host)}`,
  };
}

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

function tooMany(retryAfterMs: number, display: string, detail: string): ApiError {
  const retry = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new ApiError('TOO_MANY_ATTEMPTS', { detail, display_message: display, retry_after: retry });
}

interface CounterRow {
  failures: number;
  window_start: Date;
  blocked_until: Date | null;
}

async function lockCounter(tx: Db, key: string, now: Date): Promise<CounterRow> {
  await tx.query(
    `INSERT INTO lockout_counters (key, failures, window_start, updated_at) VALUES ($1, 0, $2, $2)
     ON CONFLICT (key) DO NOTHING`,
    [key, now],
  );
  const { rows } = await tx.query<CounterRow>(
    'SELECT failures, window_start, blocked_until FROM lockout_counters WHERE key = $1 FOR UPDATE',
    [key],
  );
  const row = rows[0];
  if (!row) throw new Error('lockout counter vanished');
  return row;
}

/** Refuse a new probe past the per-session cap (each probe is an outbound call). */
export async function reserveProbe(tx: Db, cfg: LockoutConfig, sessionId: string, now: Date): Promise<void> {
  const key = `probe:${sessionId}`;
  const c = await lockCounter(tx, key, now);
  const windowMs = cfg.windowSeconds * 1000;
  const fresh = c.window_start.getTime() + windowMs <= now.getTime();
  const count = fresh ? 0 : c.failures;
  if (count >= cfg.maxSessionProbes) {
    const wait = c.window_start.getTime() + windowMs - now.getTime();
    throw tooMany(
      wait,
      `Too many address checks. Wait ${minutes(wait)} minutes.`,
      'Probe limit for this session reached.',
    );
  }
  await tx.query(
    'UPDATE lockout_counters SET failures = $2, window_start = $3, updated_at = $4 WHERE key = $1',
    [key, count + 1, fresh ? now : c.window_start, now],
  );
}

/**
 * Check and reserve before an attempt starts. Call inside the transaction that inserts the attempt:
 * it locks the session row and the counters so concurrent attempts are counted one after another.
 */
export async function reserveAttempt(
  tx: Db,
  cfg: LockoutConfig,
  p: { sessionId: string; keys: LockoutReservation; now: Date },
): Promise<void> {
  const { now } = p;
  const windowMs = cfg.windowSeconds * 1000;
  const since = new Date(now.getTime() - windowMs);
  await tx.query('SELECT id FROM connect_sessions WHERE id = $1 FOR UPDATE', [p.sessionId]);
  const { rows } = await tx.query<{ n: number; oldest: Date | null }>(
    'SELECT count(*)::int AS n, min(created_at) AS oldest FROM attempts WHERE session_id = $1 AND created_at > $2',
    [p.sessionId, since],
  );
  const recent = rows[0];
  if (recent && recent.n >= cfg.maxSessionAttempts) {
    const wait = (recent.oldest?.getTime() ?? now.getTime()) + windowMs - now.getTime();
    throw tooMany(
      wait,
      `Too many attempts in a short time. To protect your account, wait ${minutes(wait)} minutes before trying again.`,
      `This session made ${recent.n} attempts in the last ${cfg.windowSeconds / 60} minutes.`,
    );
  }
  if (p.keys.hostKey !== null) {
    const { rows: host } = await tx.query<{ blocked_until: Date | null }>(
      'SELECT blocked_until FROM lockout_counters WHERE key = $1',
      [p.keys.hostKey],
    );
    const until = host[0]?.blocked_until;
    if (until && until.getTime() > now.getTime()) {
      const wait = until.getTime() - now.getTime();
      throw tooMany(
        wait,
        `Your system recently refused our address, so we paused sign-ins to it. Try again in ${minutes(wait)} minutes, after your administrator allows it.`,
        'The instance blocked our address; sign-ins to it are paused.',
      );
    }
  }
  if (p.keys.identityKey !== null) {
    const c = await lockCounter(tx, p.keys.identityKey, now);
    if (c.blocked_until && c.blocked_until.getTime() > now.getTime()) {
      const wait = c.blocked_until.getTime() - now.getTime();
      throw tooMany(
        wait,
        `This account was reported locked. We paused sign-ins for ${minutes(wait)} minutes; ask your administrator to unlock it.`,
        'The upstream account is locked; sign-ins for it are paused.',
      );
    }
    const fresh = c.window_start.getTime() + windowMs <= now.getTime();
    const failures = fresh ? 0 : c.failures;
    if (failures >= cfg.maxIdentityFailures) {
      const wait = c.window_start.getTime() + windowMs - now.getTime();
      throw tooMany(
        wait,
        `Several sign-ins with this user failed. To avoid locking the account, wait ${minutes(wait)} minutes, then check the credentials before trying again.`,
        `${failures} failed sign-ins for this user at this instance in the window.`,
      );
    }
    await tx.query(
      'UPDATE lockout_counters SET failures = $2, window_start = $3, updated_at = $4 WHERE key = $1',
      [p.keys.identityKey, failures + 1, fresh ? now : c.window_start, now],
    );
  }
}

/** Settle an attempt's reservation: clear on success, keep on a sign-in failure, give back otherwise. */
export async function settleAttempt(
  tx: Db,
  cfg: LockoutConfig,
  keys: LockoutReservation,
  outcome: { ok: true } | { ok: false; error: AttemptError },
  now: Date,
): Promise<void> {
  if (keys.identityKey === null) return;
  // Failing after sign-in (permissions, saving) means the credentials worked: the streak of failures ends.
  const signedIn =
    outcome.ok || (AFTER_SIGN_IN.has(outcome.error.step) && !SIGN_IN_FAILURES.has(outcome.error.code));
  if (signedIn) {
    await tx.query(
      'UPDATE lockout_counters SET failures = 0, blocked_until = NULL, updated_at = $2 WHERE key = $1',
      [keys.identityKey, now],
    );
    return;
  }
  if (outcome.ok) return;
  const { code, step } = outcome.error;
  const until = new Date(now.getTime() + cfg.windowSeconds * 1000);
  if (code === 'ACCOUNT_LOCKED') {
    await tx.query('UPDATE lockout_counters SET blocked_until = $2, updated_at = $3 WHERE key = $1', [
      keys.identityKey,
      until,
      now,
    ]);
  }
  if (code === 'IP_BLOCKED' && keys.hostKey !== null) {
    await tx.query(
      `INSERT INTO lockout_counters (key, failures, window_start, blocked_until, updated_at) VALUES ($1, 0, $2, $3, $2)
       ON CONFLICT (key) DO UPDATE SET blocked_until = EXCLUDED.blocked_until, updated_at = EXCLUDED.updated_at`,
      [keys.hostKey, now, until],
    );
  }
  // A failure at sign-in (or an unclear one during it) keeps the reservation; anything earlier returns it.
  if (!SIGN_IN_FAILURES.has(code) && step !== 'authenticate') {
    await tx.query(
      'UPDATE lockout_counters SET failures = GREATEST(failures - 1, 0), updated_at = $2 WHERE key = $1',
      [keys.identityKey, now],
    );
  }
}
