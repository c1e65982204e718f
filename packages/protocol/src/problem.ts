import * as z from 'zod/mini';
import { ErrorCode } from './errors';

export const Guidance = z.object({
  title: z.string(),
  steps: z.array(z.string()),
  doc_url: z.optional(z.url()),
});
export type Guidance = z.infer<typeof Guidance>;

/** An RFC 9457 problem document: the body of every non-2xx answer. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().check(z.int(), z.gte(400), z.lte(599)),
  detail: z.string(),
  code: ErrorCode,
  request_id: z.string(),
  instance: z.optional(z.string()),
  display_message: z.optional(z.string()),
  param: z.optional(z.string()),
  doc_url: z.optional(z.string()),
  issues: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  retry_after: z.optional(z.number().check(z.int())),
  hint: z.optional(z.string()),
});
export type Problem = z.infer<typeof Problem>;
