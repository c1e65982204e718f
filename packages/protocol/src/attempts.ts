import * as z from 'zod';
import { ErrorCode } from './errors';
import { Guidance } from './problem';
import { StepId, StepStatus } from './steps';
import { ConnectionView } from './connection';

/** A certificate the user may choose to trust for this one connection. */
export const CertificateInfo = z.object({
  sha256: z.string().regex(/^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/),
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
  param: z.string().optional(),
  guidance: Guidance.optional(),
  /** For obscured failures: everything it may be, and where the admin sees the real reason. */
  possible_causes: z.array(z.string()).optional(),
  /** The upstream product's own signal (an error id such as BMXAA7901E), never its body. */
  upstream_code: z.string().optional(),
  certificate: CertificateInfo.optional(),
  /** Can the same values succeed later without a change (timeouts, rate limits)? */
  retryable: z.boolean(),
});
export type AttemptError = z.infer<typeof AttemptError>;

export const CreateAttemptBody = z.strictObject({
  system_id: z.string().min(1).max(100),
  auth_method: z.string().min(1).max(100),
  values: z.record(z.string().max(100), z.string().max(65536)),
  /** SHA-256 fingerprint of a certificate the user chose to trust (from a TLS_UNTRUSTED error). */
  trust_certificate_sha256: CertificateInfo.shape.sha256.optional(),
});
export type CreateAttemptBody = z.infer<typeof CreateAttemptBody>;

export const CreateAttemptResponse = z.object({ attempt_id: z.string(), events_url: z.string() });
export type CreateAttemptResponse = z.infer<typeof CreateAttemptResponse>;

export const Account = z.object({
  user: z.string().optional(),
  display_name: z.string().optional(),
  tenant: z.string().optional(),
  company: z.string().optional(),
});
export type Account = z.infer<typeof Account>;

export const VerifiedEntity = z.object({ id: z.string(), label: z.string(), ok: z.boolean() });
export type VerifiedEntity = z.infer<typeof VerifiedEntity>;

export const StepEvent = z.object({
  type: z.literal('step'),
  step: StepId,
  status: StepStatus,
  duration_ms: z.number().nonnegative().optional(),
  /** Short, safe detail: "203.0.113.7", "IBM Maximo 7.6.1.3", "3 of 3 entities readable". */
  detail: z.string().optional(),
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

export const ProbeBody = z.strictObject({ system_id: z.string().min(1).max(100), url: z.string().max(2048) });
export type ProbeBody = z.infer<typeof ProbeBody>;

/** What we learn about an address before any credential is typed. */
export const ProbeResult = z.object({
  normalized_url: z.string(),
  reachable: z.boolean(),
  tls: z.enum(['trusted', 'untrusted', 'none']),
  certificate: CertificateInfo.optional(),
  /** `match`: it is the product; `mismatch`: something else answers; `unknown`: no fingerprint. */
  product: z.enum(['match', 'mismatch', 'unknown']),
  product_name: z.string().optional(),
  version: z.string().optional(),
  message: z.string(),
  code: ErrorCode.optional(),
});
export type ProbeResult = z.infer<typeof ProbeResult>;
