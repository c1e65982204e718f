import type { RequestHandler } from 'express';
import type { EventFeed, FeedMessage } from '../event-feed';
import { workspaceOf } from '../guards';

/**
 * GET /api/events: a server-sent event stream of the webhooks that concern this workspace, starting with
 * the receiver's state and the recent ones, then each new one as it is verified.
 */
export function getEvents(deps: { feed: EventFeed; heartbeatMs?: number }): RequestHandler {
  return (req, res) => {
    const ws = workspaceOf(res);
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      // Proxies such as nginx would otherwise hold the events back.
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    const frame = (message: FeedMessage): string =>
      message.kind === 'webhook'
        ? `event: webhook\nid: ${message.event.id}\ndata: ${JSON.stringify(message.event)}\n\n`
        : `event: receiver\ndata: ${JSON.stringify(message.status)}\n\n`;
    const send = (message: FeedMessage) => res.write(frame(message));
    // One write for the opening: the receiver's state and the backlog arrive together.
    const backlog = deps.feed.recent(ws.id).map((event) => frame({ kind: 'webhook', event }));
    res.write(
      ['retry: 3000\n\n', frame({ kind: 'receiver', status: deps.feed.receiver() }), ...backlog].join(''),
    );
    const unsubscribe = deps.feed.subscribe(ws.id, send);
    // A comment line now and then keeps idle proxies and load balancers from closing the stream.
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), deps.heartbeatMs ?? 20_000);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  };
}
