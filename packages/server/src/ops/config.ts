import * as z from 'zod';
import { ConfigError } from '../config';

/** Settings of the operations surface (/metrics, /openapi.json, /docs). */
export interface OpsConfig {
  /** Bearer token Prometheus must send to GET /metrics; null: /metrics is open (keep it off public networks). */
  metricsToken: string | null;
}

const EnvSchema = z.object({
  FLANGE_METRICS_TOKEN: z
    .string()
    .min(24, 'must be at least 24 characters of random text')
    .max(512, 'must be at most 512 characters')
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces (it is sent as a bearer token)')
    .optional(),
});

/** Parse the operations variables (main.ts passes process.env); throws ConfigError naming each bad one. */
export function loadOpsConfig(env: Readonly<Record<string, string | undefined>>): OpsConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { metricsToken: parsed.data.FLANGE_METRICS_TOKEN ?? null };
}
