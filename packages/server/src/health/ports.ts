import type { ConnectionView, ErrorCode } from '@flange/protocol';

/** One step of a verification, as `last_verification.steps` shows it. */
export type VerificationStep = NonNullable<ConnectionView['last_verification']>['steps'][number];

/** The result of re-running the validation pipeline on a stored connection. */
export type VerifyOutcome =
  | { ok: true; steps: VerificationStep[]; entities?: { id: string; label: string }[] }
  | { ok: false; code: ErrorCode; displayMessage: string | null; steps: VerificationStep[] };

/**
 * Re-verify a connection: the server decrypts its credentials and runs Connectors.validate under the same
 * lockout rules as the flow (so a check never pushes a real account towards an upstream lockout).
 */
export type VerifyConnection = (
  connection: { id: string; environmentId: string },
  signal: AbortSignal,
) => Promise<VerifyOutcome>;
