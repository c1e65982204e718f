import type { HandoffCreated, HandoffResume, HandoffView, RedeemHandoffResponse } from '@flange/protocol';
import type { AppContext } from '../context';
import { newId, randomBase62 } from '../crypto/random';
import { hashToken, newSessionToken } from '../crypto/tokens';
import { ApiError } from '../http/problem';
import { attemptState, reapIfStale } from '../services/attempts';
import type { AttemptRow } from '../services/attempts';
import { findSessionById } from '../services/sessions';
import { checkResume } from './connect-resume-check';
import type { SessionRow } from '../services/sessions';

/**
 * Storage of hand-off links (routes connect-handoffs-create, -list and connect-handoff-redeem). A hand-off
 * is bound to its session: it expires with it, and redeeming it opens a child session with the same end
 * user, systems, reconnect target and expiry, used only from our own hosted page.
 */

/** Unredeemed, unexpired links a session may hold at once. */
export const MAX_OPEN_HANDOFFS = 5;

interface HandoffRow {
  id: string;
  session_id: string;
  resume: HandoffResume | null;
  created_at: Date;
  expires_at: Date;
  redeemed_at: Date | null;
  child_session_id: string | null;
}

/** A one-time hand-off secret `flh_…` (≈256 bits). */
function newHandoffSecret(): string {
  return `flh_${randomBase62(43)}`;
}

/** Whether this session was itself opened from a hand-off link (its admin cannot pass it on again). */
async function isHandoffSession(ctx: AppContext, sessionId: string): Promise<boolean> {
  const { rows } = await ctx.db.query('SELECT 1 FROM connect_handoffs WHERE child_session_id = $1', [
    sessionId,
  ]);
  return rows.length > 0;
}

/** Create a hand-off link for `session`; the secret is returned once, in the URL's fragment. */
export async function createHandoff(
  ctx: AppContext,
  session: SessionRow,
  resume: HandoffResume | undefined,
): Promise<HandoffCreated> {
  if (await isHandoffSession(ctx, session.id)) {
    throw new ApiError('FORBIDDEN', {
      detail: 'A session opened from a hand-off link cannot create another one.',
      display_message: 'This link was sent to you to finish the connection; it cannot be passed on.',
    });
  }
  if (session.connection_id !== null) {
    throw new ApiError('CONFLICT', { detail: 'This session already connected a system.' });
  }
  const checked = resume === undefined ? null : checkResume(ctx, session, resume, 'resume');
  const now = ctx.clock.now();
  const secret = newHandoffSecret();
  const id = newId('ho');
  await ctx.db.transaction(async (tx) => {
    // The session row lock serializes concurrent creations, so the open-link cap holds.
    await tx.query('SELECT id FROM connect_sessions WHERE id = $1 FOR UPDATE', [session.id]);
    const { rows } = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM connect_handoffs
        WHERE session_id = $1 AND redeemed_at IS NULL AND expires_at > $2`,
      [session.id, now],
    );
    if ((rows[0]?.n ?? 0) >= MAX_OPEN_HANDOFFS) {
      throw new ApiError('TOO_MANY_ATTEMPTS', {
        detail: `A session holds at most ${MAX_OPEN_HANDOFFS} unopened hand-off links.`,
        display_message:
          'You have created several links already. Send one of them, or wait until it expires.',
      });
    }
    await tx.query(
      `INSERT INTO connect_handoffs (id, session_id, secret_hash, resume, created_at, expires_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6)`,
      [
        id,
        session.id,
        hashToken(ctx.pepper, secret),
        checked === null ? null : JSON.stringify(checked),
        now,
        session.expires_at,
      ],
    );
  });
  return {
    id,
    url: `${ctx.config.publicUrl}/connect#${secret}`,
    expires_at: session.expires_at.toISOString(),
  };
}

/** The session's hand-offs, newest first, each with its admin's latest attempt. */
export async function listHandoffs(ctx: AppContext, session: SessionRow): Promise<HandoffView[]> {
  const now = ctx.clock.now();
  const { rows } = await ctx.db.query<HandoffRow>(
    'SELECT * FROM connect_handoffs WHERE session_id = $1 ORDER BY created_at DESC, id DESC',
    [session.id],
  );
  const out: HandoffView[] = [];
  for (const h of rows) {
    let attempt: AttemptRow | null = null;
    if (h.child_session_id !== null) {
      // A success ends the admin's session, so it wins; then a running attempt; then the latest.
      const { rows: latest } = await ctx.db.query<AttemptRow>(
        `SELECT * FROM attempts WHERE session_id = $1
          ORDER BY (status = 'succeeded') DESC, (status = 'running') DESC, created_at DESC, id DESC LIMIT 1`,
        [h.child_session_id],
      );
      if (latest[0]) attempt = await reapIfStale(ctx, latest[0]);
    }
    const status: HandoffView['status'] =
      attempt?.status === 'succeeded'
        ? 'completed'
        : h.redeemed_at !== null
          ? 'opened'
          : h.expires_at.getTime() <= now.getTime()
            ? 'expired'
            : 'pending';
    out.push({
      id: h.id,
      status,
      created_at: h.created_at.toISOString(),
      expires_at: h.expires_at.toISOString(),
      opened_at: h.redeemed_at?.toISOString() ?? null,
      attempt: attempt === null ? null : await attemptState(ctx, attempt),
    });
  }
  return out;
}

const INVALID_LINK = 'This link is not valid. Ask the person who sent it to create a new one.';

/** Redeem a hand-off secret once: a new session token for a child session of the link's session. */
export async function redeemHandoff(ctx: AppContext, secret: string): Promise<RedeemHandoffResponse> {
  const hash = hashToken(ctx.pepper, secret);
  const token = newSessionToken();
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const { rows } = await tx.query<HandoffRow>(
      'SELECT * FROM connect_handoffs WHERE secret_hash = $1 FOR UPDATE',
      [hash],
    );
    const h = rows[0];
    if (!h)
      throw new ApiError('UNAUTHORIZED', {
        detail: 'Unknown hand-off secret.',
        display_message: INVALID_LINK,
      });
    const parent = await findSessionById(tx, h.session_id);
    if (!parent)
      throw new ApiError('UNAUTHORIZED', {
        detail: 'Unknown hand-off secret.',
        display_message: INVALID_LINK,
      });
    const who = parent.end_user.name ?? 'the person who sent it';
    if (h.redeemed_at !== null) {
      throw new ApiError('TOKEN_REVOKED', {
        detail: 'This hand-off link was already redeemed; it works once.',
        display_message: `This link was already opened, and for your security it works only once. Ask ${who} for a new link.`,
      });
    }
    if (h.expires_at.getTime() <= now.getTime() || parent.expires_at.getTime() <= now.getTime()) {
      throw new ApiError('TOKEN_EXPIRED', {
        detail: 'This hand-off link has expired with its session.',
        display_message: `This link has expired. Ask ${who} to start again from ${parent.account_name}.`,
      });
    }
    if (parent.connection_id !== null) {
      throw new ApiError('CONFLICT', {
        detail: 'The session already connected a system.',
        display_message: 'This system is already connected. There is nothing more to do.',
      });
    }
    const childId = newId('cs');
    await tx.query(
      `INSERT INTO connect_sessions (id, environment_id, token_hash, end_user_id, end_user, systems, allowed_origins,
                                     locale, metadata, reconnect_connection_id, created_at, expires_at)
       SELECT $1, environment_id, $2, end_user_id, end_user, systems, '[]'::jsonb, locale, metadata,
              reconnect_connection_id, $3, expires_at
         FROM connect_sessions WHERE id = $4`,
      [childId, hashToken(ctx.pepper, token), now, parent.id],
    );
    await tx.query('UPDATE connect_handoffs SET redeemed_at = $2, child_session_id = $3 WHERE id = $1', [
      h.id,
      now,
      childId,
    ]);
    return { session_token: token, expires_at: parent.expires_at.toISOString(), resume: h.resume };
  });
}
