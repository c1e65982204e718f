import * as z from 'zod/mini';

/** The named steps of the validation pipeline, in order. */
export const STEP_IDS = [
  'resolve',
  'connect',
  'tls',
  'fingerprint',
  'authenticate',
  'authorize',
  'logout',
  'store',
] as const;
export const StepId = z.enum(STEP_IDS);
export type StepId = z.infer<typeof StepId>;

export const StepStatus = z.enum(['pending', 'running', 'succeeded', 'failed', 'skipped']);
export type StepStatus = z.infer<typeof StepStatus>;

export const STEP_LABELS: Record<StepId, string> = {
  resolve: 'Find the server',
  connect: 'Connect',
  tls: 'Check the certificate',
  fingerprint: 'Identify the product',
  authenticate: 'Sign in',
  authorize: 'Check access to your data',
  logout: 'Sign out',
  store: 'Save the connection',
};
