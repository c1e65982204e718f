import { safeParse } from 'zod/v4/core';
import type * as z from 'zod/v4/core';
import { ApiError } from './problem';

/** Turn zod issues into problem `issues`, naming each unknown field on its own. */
export function zodIssues(error: z.$ZodError, prefix = ''): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const join = (parts: PropertyKey[]) =>
    [prefix, ...parts.map(String)].filter((p) => p !== '').join('.') || '(body)';
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: join([...issue.path, key]), message: 'Unknown field.' });
    } else {
      out.push({ path: join(issue.path), message: issue.message });
    }
  }
  return out;
}

/** Parse `input` with `schema` (classic or mini zod), or throw INVALID_REQUEST listing every issue. */
export function parseOrThrow<S extends z.$ZodType>(
  schema: S,
  input: unknown,
  what: 'body' | 'query',
): z.output<S> {
  if (
    what === 'body' &&
    (input === undefined || input === null || typeof input !== 'object' || Array.isArray(input))
  ) {
    throw new ApiError('INVALID_REQUEST', { detail: 'The request body must be a JSON object.' });
  }
  const r = safeParse(schema, input);
  if (r.success) return r.data;
  const issues = zodIssues(r.error);
  const first = issues[0];
  throw new ApiError('INVALID_REQUEST', {
    detail: `Invalid ${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    issues,
    ...(first ? { param: first.path } : {}),
  });
}
