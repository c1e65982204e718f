import type { AttemptError, AttemptEvent } from '@flange/protocol';
import type { FlangeApiError } from '../api/api-error';
import type { FlowError, StepProgress } from './flow-types';

/** Codes after which the session cannot continue: the user can only leave. */
export const FATAL_CODES = new Set([
  'SESSION_EXPIRED',
  'TOKEN_EXPIRED',
  'TOKEN_REVOKED',
  'TOKEN_MALFORMED',
  'WRONG_TOKEN_KIND',
  'UNAUTHORIZED',
  'ORIGIN_NOT_ALLOWED',
]);

/** Server params name form values as `values.key`; the form knows them as `key`. */
export function stripValuesPrefix(param: string | undefined): string | undefined {
  return param?.replace(/^values\./, '');
}

/** A failed attempt's error as the failure view shows it. */
export function fromAttemptError({ param, ...error }: AttemptError): FlowError {
  // Every field of a parsed AttemptError is one of FlowError's; only the param loses its `values.` prefix.
  const out: FlowError = error;
  const key = stripValuesPrefix(param);
  if (key !== undefined) out.param = key;
  return out;
}

/** A refused request (problem document or network failure) as the failure view shows it. */
export function fromApiError(e: FlangeApiError): FlowError {
  const out: FlowError = { code: e.code, retryable: e.status === 0 || e.status === 429 || e.status >= 500 };
  if (e.displayMessage !== undefined) out.display_message = e.displayMessage;
  const param = stripValuesPrefix(e.param);
  if (param !== undefined) out.param = param;
  return out;
}

/** The step list with one step event applied (idempotent: replaying an event changes nothing). */
export function applyStep(
  steps: readonly StepProgress[],
  ev: Extract<AttemptEvent, { type: 'step' }>,
): StepProgress[] {
  const { type: _type, ...next } = ev;
  const i = steps.findIndex((s) => s.step === ev.step);
  return i === -1 ? [...steps, next] : steps.map((s, j) => (j === i ? next : s));
}
