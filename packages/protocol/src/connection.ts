import * as z from 'zod';
import { Environment } from './session';
import { StepId, StepStatus } from './steps';

export const ConnectionStatus = z.enum(['active', 'degraded', 'reauthorization_required', 'revoked']);
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

export const VerificationStep = z.object({
  step: StepId,
  status: StepStatus,
  duration_ms: z.number().nonnegative().optional(),
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
  instance_url: z.string().nullable(),
  end_user: z.object({ id: z.string(), name: z.string().nullable(), organization: z.string().nullable() }),
  account: z.object({
    user: z.string().optional(),
    display_name: z.string().optional(),
    tenant: z.string().optional(),
    company: z.string().optional(),
  }),
  entities_verified: z.array(z.object({ id: z.string(), label: z.string() })),
  created_at: z.iso.datetime(),
  last_verified_at: z.iso.datetime().nullable(),
  next_check_at: z.iso.datetime().nullable(),
  last_verification: z
    .object({
      outcome: z.enum(['succeeded', 'failed']),
      error_code: z.string().nullable(),
      steps: z.array(VerificationStep),
      at: z.iso.datetime(),
    })
    .nullable(),
  metadata: z.record(z.string(), z.string()),
});
export type ConnectionView = z.infer<typeof ConnectionView>;

export const ExchangeBody = z.strictObject({ public_token: z.string().min(1).max(200) });
export type ExchangeBody = z.infer<typeof ExchangeBody>;

export const ExchangeResponse = z.object({
  connection_id: z.string(),
  access_token: z.string(),
  connection: ConnectionView,
});
export type ExchangeResponse = z.infer<typeof ExchangeResponse>;

export const ConnectionList = z.object({ data: z.array(ConnectionView), next_cursor: z.string().nullable() });
export type ConnectionList = z.infer<typeof ConnectionList>;

export const ListConnectionsQuery = z.strictObject({
  end_user_id: z.string().max(200).optional(),
  status: ConnectionStatus.optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: z.string().max(500).optional(),
});
export type ListConnectionsQuery = z.infer<typeof ListConnectionsQuery>;
