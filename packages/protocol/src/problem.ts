import * as z from 'zod';
import { ErrorCode } from './errors';

export const Guidance = z.object({
  title: z.string(),
  steps: z.array(z.string()),
  doc_url: z.url().optional(),
});
export type Guidance = z.infer<typeof Guidance>;

/** An RFC 9457 problem document: the body of every non-2xx answer. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int().min(400).max(599),
  detail: z.string(),
  code: ErrorCode,
  request_id: z.string(),
  instance: z.string().optional(),
  display_message: z.string().optional(),
  param: z.string().optional(),
  doc_url: z.string().optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  retry_after: z.number().int().optional(),
  hint: z.string().optional(),
});
export type Problem = z.infer<typeof Problem>;
