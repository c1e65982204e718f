import type { EndUser, Environment, RequestSystemBody, SystemRequestView } from '@flange/protocol';
import type { AppContext } from '../context';
import { newId } from '../crypto/random';
import type { Db } from '../db/types';
import { ApiError } from '../http/problem';
import { decodeCursor, encodeCursor } from './pagination';
import type { SessionRow } from './sessions';

interface SystemRequestRow {
  id: string;
  environment: Environment;
  system_id: string | null;
  name: string;
  note: string | null;
  end_user: EndUser;
  created_at: Date;
}

function view(r: SystemRequestRow): SystemRequestView {
  return {
    id: r.id,
    object: 'system_request',
    system_id: r.system_id,
    name: r.name,
    note: r.note,
    end_user: {
      id: r.end_user.id,
      name: r.end_user.name ?? null,
      organization: r.end_user.organization ?? null,
    },
    environment: r.environment,
    created_at: r.created_at.toISOString(),
  };
}

/** Record an end user's request for a system, with the `system.requested` event in the same transaction. */
export async function createSystemRequest(
  ctx: AppContext,
  session: SessionRow,
  body: RequestSystemBody,
): Promise<SystemRequestView> {
  if (body.system_id !== undefined && !ctx.connectors.get(body.system_id)) {
    throw new ApiError('INVALID_REQUEST', {
      detail: 'Unknown system_id; send only a name for an unlisted system.',
      param: 'system_id',
    });
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row: SystemRequestRow = {
      id: newId('sr'),
      environment: session.environment,
      system_id: body.system_id ?? null,
      name: body.name.trim(),
      note: body.note?.trim() || null,
      end_user: session.end_user,
      created_at: now,
    };
    await tx.query(
      `INSERT INTO system_requests (id, environment_id, session_id, system_id, name, note, end_user_id, end_user, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)`,
      [
        row.id,
        session.environment_id,
        session.id,
        row.system_id,
        row.name,
        row.note,
        session.end_user_id,
        JSON.stringify(session.end_user),
        now,
      ],
    );
    const v = view(row);
    await ctx.outbox.enqueue(tx, session.environment_id, {
      type: 'system.requested',
      data: { system_request: v },
    });
    return v;
  });
}

/** The environment's system requests, newest first. */
export async function listSystemRequests(
  db: Db,
  environmentId: string,
  q: { limit?: number | undefined; cursor?: string | undefined },
): Promise<{ data: SystemRequestView[]; next_cursor: string | null }> {
  const limit = q.limit ?? 20;
  const params: unknown[] = [environmentId];
  let where = 'r.environment_id = $1';
  if (q.cursor !== undefined) {
    const c = decodeCursor(q.cursor);
    params.push(c.createdAt, c.id);
    where += ' AND (r.created_at, r.id) < ($2, $3)';
  }
  params.push(limit + 1);
  const { rows } = await db.query<SystemRequestRow>(
    `SELECT r.id, e.kind AS environment, r.system_id, r.name, r.note, r.end_user, r.created_at
       FROM system_requests r JOIN environments e ON e.id = r.environment_id
      WHERE ${where} ORDER BY r.created_at DESC, r.id DESC LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    data: page.map(view),
    next_cursor:
      rows.length > limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
  };
}
