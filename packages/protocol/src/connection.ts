import * as z from 'zod/mini';
import { Environment } from './session';
import { StepId, StepStatus } from './steps';

export const ConnectionStatus = z.enum(['active', 'degraded', 'reauthorization_required', 'revoked']);
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

export const VerificationStep = z.object({
  step: StepId,
  status: StepStatus,
  duration_ms: z.optional(z.number().check(z.nonnegative())),
});

/** The connection as the host and the widget see it. Never carries a credential or a token. */
export const ConnectionView = z.object({
  id: z.string(),
  object: z.literal('connection'),
  environment: Environment,
  status: ConnectionStatus,
  reauthorization_required: z.boolean(),
  system: z.object({ id: z.string(), name: z.string() }),
  auth_method: z.string(),
  instance_url: z.nullable(z.string()),
  end_user: z.object({ id: z.string(), name: z.nullable(z.string()), organization: z.nullable(z.string()) }),
  account: z.object({
    user: z.optional(z.string()),
    display_name: z.optional(z.string()),
    tenant: z.optional(z.string()),
    company: z.optional(z.string()),
  }),
  entities_verified: z.array(z.object({ id: z.string(), label: z.string() })),
  created_at: z.iso.datetime(),
  last_verified_at: z.nullable(z.iso.datetime()),
  next_check_at: z.nullable(z.iso.datetime()),
  last_verification: z.nullable(
    z.object({
      outcome: z.enum(['succeeded', 'failed']),
      error_code: z.nullable(z.string()),
      steps: z.array(VerificationStep),
      at: z.iso.datetime(),
    }),
  ),
  metadata: z.record(z.string(), z.string()),
});
export type ConnectionView = z.infer<typeof ConnectionView>;
