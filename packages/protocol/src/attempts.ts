import * as z from 'zod/mini';
import { ErrorCode } from './errors';
import { Guidance } from './problem';
import { StepId, StepStatus } from './steps';
import { ConnectionView } from './connection';

/** A certificate the user may choose to trust for this one connection. */
export const CertificateInfo = z.object({
  sha256: z.string().check(z.regex(/^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/)),
  subject: z.string(),
  issuer: z.string(),
  valid_from: z.string(),
  valid_to: z.string(),
  self_signed: z.boolean(),
});
export type CertificateInfo = z.infer<typeof CertificateInfo>;

/** Why an attempt failed, for the end user and for the host's developer. */
export const AttemptError = z.object({
  code: ErrorCode,
  step: StepId,
  display_message: z.string(),
  /** The form field to fix, when one is at fault. */
  param: z.optional(z.string()),
  guidance: z.optional(Guidance),
  /** For obscured failures: everything it may be, and where the admin sees the real reason. */
  possible_causes: z.optional(z.array(z.string())),
  /** The upstream product's own signal (an error id such as BMXAA7901E), never its body. */
  upstream_code: z.optional(z.string()),
  certificate: z.optional(CertificateInfo),
  /** Can the same values succeed later without a change (timeouts, rate limits)? */
  retryable: z.boolean(),
});
export type AttemptError = z.infer<typeof AttemptError>;

export const CreateAttemptResponse = z.object({ attempt_id: z.string(), events_url: z.string() });
export type CreateAttemptResponse = z.infer<typeof CreateAttemptResponse>;

export const StepEvent = z.object({
  type: z.literal('step'),
  step: StepId,
  status: StepStatus,
  duration_ms: z.optional(z.number().check(z.nonnegative())),
  /** Short, safe detail: "203.0.113.7", "IBM Maximo 7.6.1.3", "3 of 3 entities readable". */
  detail: z.optional(z.string()),
});
export type StepEvent = z.infer<typeof StepEvent>;

export const AttemptSucceededEvent = z.object({
  type: z.literal('succeeded'),
  public_token: z.string(),
  connection: ConnectionView,
});
export const AttemptFailedEvent = z.object({ type: z.literal('failed'), error: AttemptError });

/** Server-sent events of one attempt, in order; the last is `succeeded` or `failed`. */
export const AttemptEvent = z.discriminatedUnion('type', [
  StepEvent,
  AttemptSucceededEvent,
  AttemptFailedEvent,
]);
export type AttemptEvent = z.infer<typeof AttemptEvent>;

/** The whole state of an attempt, for a reload that resumes where the user was. */
export const AttemptState = z.object({
  id: z.string(),
  system_id: z.string(),
  auth_method: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  events: z.array(AttemptEvent),
  /** Non-secret values the user typed, so "try again" keeps them. */
  values: z.record(z.string(), z.string()),
});
export type AttemptState = z.infer<typeof AttemptState>;

/** What we learn about an address before any credential is typed. */
export const ProbeResult = z.object({
  normalized_url: z.string(),
  reachable: z.boolean(),
  tls: z.enum(['trusted', 'untrusted', 'none']),
  certificate: z.optional(CertificateInfo),
  /** `match`: it is the product; `mismatch`: something else answers; `unknown`: no fingerprint. */
  product: z.enum(['match', 'mismatch', 'unknown']),
  product_name: z.optional(z.string()),
  version: z.optional(z.string()),
  message: z.string(),
  code: z.optional(ErrorCode),
});
export type ProbeResult = z.infer<typeof ProbeResult>;
