import { ApiError } from '../http/problem';

/** Position after the last item of a page, ordered by (created_at DESC, id DESC). */
export interface Cursor {
  createdAt: Date;
  id: string;
}

/** An opaque continuation token for `next_cursor`. */
export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.createdAt.toISOString(), c.id]), 'utf8').toString('base64url');
}

/** Read a `cursor` parameter back, or refuse it as INVALID_REQUEST. */
export function decodeCursor(text: string): Cursor {
  try {
    const v: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') {
      const createdAt = new Date(v[0]);
      if (!Number.isNaN(createdAt.getTime())) return { createdAt, id: v[1] };
    }
  } catch {
    // fall through to the problem below
  }
  throw new ApiError('INVALID_REQUEST', {
    detail: 'The cursor is not valid; pass next_cursor as given.',
    param: 'cursor',
  });
}
