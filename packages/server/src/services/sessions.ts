import type {
  CreateSessionBody,
  CreateSessionResponse,
  EndUser,
  Environment,
  Locale,
  SessionInfo,
} from '@flange/protocol';
import type { AppContext } from '../context';
import { newId } from '../crypto/random';
import { hashToken, newSessionToken } from '../crypto/tokens';
import type { Db } from '../db/types';
import { ApiError } from '../http/problem';

/** A connect session as stored, with its environment and host company. */
export interface SessionRow {
  id: string;
  environment_id: string;
  environment: Environment;
  account_name: string;
  account_logo_url: string | null;
  end_user: EndUser;
  end_user_id: string;
  systems: string[] | null;
  allowed_origins: string[];
  locale: Locale | null;
  metadata: Record<string, string>;
  reconnect_connection_id: string | null;
  connection_id: string | null;
  created_at: Date;
  expires_at: Date;
}

const SESSION_SELECT = `
  SELECT s.id, s.environment_id, e.kind AS environment, a.name AS account_name, a.logo_url AS account_logo_url,
         s.end_user, s.end_user_id, s.systems, s.allowed_origins, s.locale, s.metadata,
         s.reconnect_connection_id, s.connection_id, s.created_at, s.expires_at
    FROM connect_sessions s
    JOIN environments e ON e.id = s.environment_id
    JOIN accounts a ON a.id = e.account_id`;

/** The session a token hash belongs to, expired or not (the caller decides). */
export async function findSessionByTokenHash(db: Db, hash: string): Promise<SessionRow | null> {
  const { rows } = await db.query<SessionRow>(`${SESSION_SELECT} WHERE s.token_hash = $1`, [hash]);
  return rows[0] ?? null;
}

/** A session by its public id (the hosted flow page looks it up to set frame-ancestors). */
export async function findSessionById(db: Db, id: string): Promise<SessionRow | null> {
  const { rows } = await db.query<SessionRow>(`${SESSION_SELECT} WHERE s.id = $1`, [id]);
  return rows[0] ?? null;
}

/** Create a connect session for one end user (secret key). */
export async function createSession(
  ctx: AppContext,
  env: { environmentId: string },
  body: CreateSessionBody,
): Promise<CreateSessionResponse> {
  let systems: string[] | null = body.systems ? [...new Set(body.systems)] : null;
  systems?.forEach((id, i) => {
    if (!ctx.connectors.get(id)) {
      throw new ApiError('INVALID_REQUEST', {
        detail: `Unknown system "${id.slice(0, 100)}" in systems.`,
        param: `systems.${i}`,
        issues: [{ path: `systems.${i}`, message: 'Unknown system id.' }],
      });
    }
  });
  if (body.reconnect_connection_id !== undefined) {
    const { rows } = await ctx.db.query<{ system_id: string; status: string }>(
      'SELECT system_id, status FROM connections WHERE id = $1 AND environment_id = $2',
      [body.reconnect_connection_id, env.environmentId],
    );
    const conn = rows[0];
    if (!conn) {
      throw new ApiError('NOT_FOUND', {
        detail: 'No connection with this reconnect_connection_id in this environment.',
        param: 'reconnect_connection_id',
      });
    }
    if (conn.status === 'revoked') {
      throw new ApiError('CONFLICT', {
        detail: 'A revoked connection cannot be reconnected; create a new connection instead.',
        param: 'reconnect_connection_id',
      });
    }
    if (systems !== null && !systems.includes(conn.system_id)) {
      throw new ApiError('INVALID_REQUEST', {
        detail: `A reconnect session is for the connection's system (${conn.system_id}).`,
        param: 'systems',
      });
    }
    systems = [conn.system_id];
  }
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionTtlSeconds * 1000);
  const token = newSessionToken();
  const id = newId('cs');
  await ctx.db.query(
    `INSERT INTO connect_sessions (id, environment_id, token_hash, end_user_id, end_user, systems, allowed_origins,
                                   locale, metadata, reconnect_connection_id, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7::jsonb, $8, $9::jsonb, $10, $11, $12)`,
    [
      id,
      env.environmentId,
      hashToken(ctx.pepper, token),
      body.end_user.id,
      JSON.stringify(body.end_user),
      systems === null ? null : JSON.stringify(systems),
      JSON.stringify([...new Set(body.allowed_origins ?? [])]),
      body.locale ?? null,
      JSON.stringify(body.metadata ?? {}),
      body.reconnect_connection_id ?? null,
      now,
      expiresAt,
    ],
  );
  return {
    session_token: token,
    connect_url: `${ctx.config.publicUrl}/connect?session=${id}`,
    expires_at: expiresAt.toISOString(),
  };
}

/** What the widget learns about its own session. */
export async function sessionInfo(db: Db, s: SessionRow): Promise<SessionInfo> {
  let reconnect: SessionInfo['reconnect'] = null;
  if (s.reconnect_connection_id !== null) {
    const { rows } = await db.query<{
      id: string;
      system_id: string;
      auth_method: string;
      instance_url: string | null;
    }>('SELECT id, system_id, auth_method, instance_url FROM connections WHERE id = $1', [
      s.reconnect_connection_id,
    ]);
    const c = rows[0];
    if (c) {
      reconnect = {
        connection_id: c.id,
        system_id: c.system_id,
        auth_method: c.auth_method,
        instance_url: c.instance_url,
      };
    }
  }
  const { rows: attempts } = await db.query<{ id: string }>(
    'SELECT id FROM attempts WHERE session_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1',
    [s.id],
  );
  return {
    id: s.id,
    environment: s.environment,
    end_user: s.end_user,
    systems: s.systems,
    locale: s.locale,
    expires_at: s.expires_at.toISOString(),
    host: { name: s.account_name, logo_url: s.account_logo_url },
    reconnect,
    last_attempt_id: attempts[0]?.id ?? null,
  };
}

/** Whether a session may use `systemId` (its list, or every system when it has none). */
export function sessionAllows(s: SessionRow, systemId: string): boolean {
  return s.systems === null || s.systems.includes(systemId);
}
