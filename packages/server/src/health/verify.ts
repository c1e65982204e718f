import type { Connectors } from '@flange/connectors';
import type { AttemptError, StepEvent, StepId } from '@flange/protocol';
import type { Clock } from '../clock';
import type { LockoutConfig } from '../config';
import type { Keyring } from '../crypto/envelope';
import type { Db } from '../db/types';
import { loadCredentials } from '../services/credentials';
import { lockoutKeys, settleAttempt, type LockoutReservation } from '../services/lockout';
import type { Logger } from '../webhooks/deps';
import type { VerificationStep, VerifyConnection, VerifyOutcome } from './ports';

export interface VerifierDeps {
  db: Db;
  connectors: Connectors;
  keyring: Keyring;
  pepper: Buffer;
  lockout: LockoutConfig;
  clock: Clock;
  logger: Logger;
}

interface LockRow {
  failures: number;
  window_start: Date;
  blocked_until: Date | null;
}

/**
 * The health monitor's verifier: decrypt the stored credentials and run the connector's pipeline, under the
 * flow's lockout rules. A check never signs in for an identity that is paused (locked upstream, blocked IP,
 * or at its failure limit): it answers TOO_MANY_ATTEMPTS, which the monitor treats as inconclusive. A check
 * reserves one failure before it calls upstream, and settles it like an attempt does.
 */
export function createVerifier(deps: VerifierDeps): VerifyConnection {
  const { db, connectors, keyring, pepper, lockout, clock, logger } = deps;

  /** Check the counters and reserve a failure; false when the identity or host is paused. */
  async function reserve(keys: LockoutReservation, now: Date): Promise<boolean> {
    return db.transaction(async (tx) => {
      const windowMs = lockout.windowSeconds * 1000;
      if (keys.hostKey !== null) {
        const { rows } = await tx.query<LockRow>('SELECT * FROM lockout_counters WHERE key = $1', [
          keys.hostKey,
        ]);
        const until = rows[0]?.blocked_until;
        if (until && until > now) return false;
      }
      if (keys.identityKey === null) return true;
      await tx.query(
        `INSERT INTO lockout_counters (key, failures, window_start, updated_at) VALUES ($1, 0, $2, $2)
         ON CONFLICT (key) DO NOTHING`,
        [keys.identityKey, now],
      );
      const { rows } = await tx.query<LockRow>(
        'SELECT failures, window_start, blocked_until FROM lockout_counters WHERE key = $1 FOR UPDATE',
        [keys.identityKey],
      );
      const c = rows[0]!;
      if (c.blocked_until && c.blocked_until > now) return false;
      const fresh = c.window_start.getTime() + windowMs <= now.getTime();
      const failures = fresh ? 0 : c.failures;
      if (failures >= lockout.maxIdentityFailures) return false;
      await tx.query(
        'UPDATE lockout_counters SET failures = $2, window_start = $3, updated_at = $4 WHERE key = $1',
        [keys.identityKey, failures + 1, fresh ? now : c.window_start, now],
      );
      return true;
    });
  }

  return async (connection, signal): Promise<VerifyOutcome> => {
    const { rows } = await db.query<{
      system_id: string;
      auth_method: string;
      pinned_certificate_sha256: string | null;
    }>(
      'SELECT system_id, auth_method, pinned_certificate_sha256 FROM connections WHERE id = $1 AND environment_id = $2',
      [connection.id, connection.environmentId],
    );
    const row = rows[0];
    if (!row) return { ok: false, code: 'INTERNAL_ERROR', displayMessage: null, steps: [] };
    const credentials = await loadCredentials(db, { keyring }, connection.environmentId, connection.id);
    if (!credentials) return { ok: false, code: 'INTERNAL_ERROR', displayMessage: null, steps: [] };

    const keys = lockoutKeys(pepper, connectors.loginIdentity(row.system_id, row.auth_method, credentials));
    if (!(await reserve(keys, clock.now()))) {
      return {
        ok: false,
        code: 'TOO_MANY_ATTEMPTS',
        displayMessage: 'Sign-ins for this account are paused to protect it from a lockout.',
        steps: [],
      };
    }

    const steps = new Map<StepId, VerificationStep>();
    let lastStep: StepId = 'resolve';
    const onStep = (e: StepEvent) => {
      lastStep = e.step;
      steps.set(
        e.step,
        e.duration_ms === undefined
          ? { step: e.step, status: e.status }
          : { step: e.step, status: e.status, duration_ms: e.duration_ms },
      );
    };
    let outcome: { ok: true; entities: { id: string; label: string }[] } | { ok: false; error: AttemptError };
    try {
      const result = await connectors.validate(
        {
          systemId: row.system_id,
          authMethod: row.auth_method,
          values: credentials,
          signal,
          ...(row.pinned_certificate_sha256 !== null
            ? { trustedCertificateSha256: row.pinned_certificate_sha256 }
            : {}),
        },
        onStep,
      );
      outcome = result.ok
        ? { ok: true, entities: result.entities.filter((e) => e.ok).map(({ id, label }) => ({ id, label })) }
        : { ok: false, error: result.error };
    } catch (error) {
      logger.error(
        { connection_id: connection.id, err: { name: (error as Error).name } },
        'verification pipeline threw',
      );
      outcome = {
        ok: false,
        error: {
          code: 'INTERNAL_ERROR',
          step: lastStep,
          display_message: 'The check failed on our side.',
          retryable: true,
        },
      };
    } finally {
      for (const k of Object.keys(credentials)) credentials[k] = '';
    }
    await db.transaction((tx) => settleAttempt(tx, lockout, keys, outcome, clock.now()));
    const list = [...steps.values()];
    return outcome.ok
      ? { ok: true, steps: list, entities: outcome.entities }
      : { ok: false, code: outcome.error.code, displayMessage: outcome.error.display_message, steps: list };
  };
}
