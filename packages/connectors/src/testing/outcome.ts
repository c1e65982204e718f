import type { AttemptError } from '@flange/protocol';
import type { ValidateOutcome } from '../api';

/** The error of a failed outcome; throws (failing the test) on success. */
export function expectFailure(out: ValidateOutcome): AttemptError {
  if (out.ok) throw new Error('expected the validation to fail, it succeeded');
  return out.error;
}

/** A successful outcome; throws (failing the test) with the error on failure. */
export function expectSuccess(out: ValidateOutcome): Extract<ValidateOutcome, { ok: true }> {
  if (!out.ok) throw new Error(`expected the validation to succeed, got ${JSON.stringify(out.error)}`);
  return out;
}
