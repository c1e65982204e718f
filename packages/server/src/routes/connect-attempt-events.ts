import type { AppContext } from '../context';
import { authOf } from '../http/auth';
import { ApiError } from '../http/problem';
import type { RouteTable } from '../http/route-table';
import { getAttempt, readEvents, reapIfStale } from '../services/attempts';

/** How often an open stream looks at storage when no in-process wake-up came (attempts on other instances). */
const POLL_MS = 1000;

/**
 * GET /v1/connect/attempts/:id/events (session token): the attempt's events as server-sent events.
 * Each event's id is its sequence number; a client resumes with Last-Event-ID and gets only what it
 * missed. The stream ends after `succeeded` or `failed`; comments keep idle proxies from closing it.
 */
export function register(routes: RouteTable, ctx: AppContext): void {
  routes.add('GET', '/v1/connect/attempts/:id/events', 'session', async (req, res) => {
    const { session } = authOf(res, 'session');
    let attempt = await getAttempt(ctx.db, session.id, String(req.params.id));
    const header = req.get('last-event-id');
    let last = 0;
    if (header !== undefined && header.trim() !== '') {
      if (!/^\d{1,9}$/.test(header.trim())) {
        throw new ApiError('INVALID_REQUEST', {
          detail: 'Last-Event-ID must be an event id we sent.',
          param: 'Last-Event-ID',
        });
      }
      last = Number(header.trim());
    }
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.write('retry: 2000\n\n');

    let closed = false;
    let busy = false;
    let again = false;
    const cleanups: (() => void)[] = [];
    const finish = () => {
      if (closed) return;
      closed = true;
      for (const c of cleanups) c();
      res.end();
    };
    const pump = async (): Promise<void> => {
      if (closed) return;
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      try {
        for (;;) {
          again = false;
          // Status first, events second: a finished status read here guarantees its final event is seen below.
          attempt = await reapIfStale(
            { ...ctx, logger: res.locals.log },
            await getAttempt(ctx.db, session.id, attempt.id),
          );
          const events = await readEvents(ctx, attempt, last);
          for (const { seq, event } of events) {
            if (closed) return;
            res.write(`id: ${seq}\ndata: ${JSON.stringify(event)}\n\n`);
            last = seq;
            if (event.type === 'succeeded' || event.type === 'failed') return finish();
          }
          if (attempt.status !== 'running' && events.length === 0) return finish();
          // A wake-up that arrived while this pass ran may have brought more events.
          if (!again || closed) break;
        }
      } catch (err) {
        res.locals.log.error({ err }, 'attempt stream failed');
        finish();
      } finally {
        busy = false;
      }
    };
    cleanups.push(ctx.hub.subscribe(attempt.id, () => void pump()));
    const poll = setInterval(() => void pump(), POLL_MS);
    const heartbeat = setInterval(() => {
      if (!closed) res.write(': keep-alive\n\n');
    }, ctx.config.sseHeartbeatMs);
    cleanups.push(
      () => clearInterval(poll),
      () => clearInterval(heartbeat),
    );
    res.on('close', finish);
    await pump();
  });
}
