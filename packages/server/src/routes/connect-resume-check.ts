import type { FieldSpec, HandoffResume } from '@flange/protocol';
import type { AppContext } from '../context';
import { ApiError } from '../http/problem';
import { sessionAllows } from '../services/sessions';
import type { SessionRow } from '../services/sessions';

/** Field kinds a saved position or a hand-off may carry: the same ones an attempt keeps in clear. */
const SAFE_KINDS = new Set<FieldSpec['kind']>(['url', 'text', 'select']);

/**
 * Check a place in the flow (hand-off resume point, saved position): a system this session may
 * connect, one of its sign-in methods, and only non-secret fields of it. `where` names the body field
 * in problem params.
 */
export function checkResume(
  ctx: AppContext,
  session: SessionRow,
  resume: HandoffResume,
  where: string,
): HandoffResume {
  const connector = ctx.connectors.get(resume.system_id);
  if (
    !connector ||
    !sessionAllows(session, resume.system_id) ||
    connector.summary.availability !== 'available'
  ) {
    throw new ApiError('INVALID_REQUEST', {
      detail: `${where}.system_id is not a system this session can connect.`,
      param: `${where}.system_id`,
    });
  }
  const methods =
    resume.auth_method === undefined
      ? connector.authMethods
      : connector.authMethods.filter((m) => m.id === resume.auth_method);
  if (methods.length === 0) {
    throw new ApiError('INVALID_REQUEST', {
      detail: `Unknown ${where}.auth_method for ${connector.summary.name}.`,
      param: `${where}.auth_method`,
    });
  }
  for (const key of Object.keys(resume.values ?? {})) {
    const field = methods.flatMap((m) => m.fields).find((f) => f.key === key);
    if (!field || !SAFE_KINDS.has(field.kind)) {
      // A secret never leaves the browser this way: only the attempt carries it, and only to validate.
      throw new ApiError('INVALID_REQUEST', {
        detail: `${where}.values.${key} is not a non-secret field of this sign-in method.`,
        param: `${where}.values.${key}`,
      });
    }
  }
  return resume;
}
