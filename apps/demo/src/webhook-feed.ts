import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { EVENTS_URL } from './api';
import { FeedEvent, ReceiverStatus } from './feed-event';

export interface WebhookFeed {
  /** Newest first, each webhook once (a retried delivery or a reconnect's replay is not shown twice). */
  events: FeedEvent[];
  receiver: ReceiverStatus | null;
  /** False while the browser is (re)connecting to Acme's backend. */
  live: boolean;
}

const MAX_SHOWN = 50;

/**
 * Follows the backend's stream of verified webhooks for this workspace. Each one also refreshes the
 * connection card, so its state follows what Flange reported.
 */
export function useWebhookFeed(): WebhookFeed {
  const queryClient = useQueryClient();
  const [feed, setFeed] = useState<WebhookFeed>({ events: [], receiver: null, live: false });

  useEffect(() => {
    const source = new EventSource(EVENTS_URL);
    source.addEventListener('open', () => setFeed((f) => ({ ...f, live: true })));
    source.addEventListener('error', () => setFeed((f) => ({ ...f, live: false })));
    source.addEventListener('receiver', (e) => {
      const status = ReceiverStatus.safeParse(JSON.parse((e as MessageEvent<string>).data));
      if (status.success) setFeed((f) => ({ ...f, receiver: status.data }));
    });
    source.addEventListener('webhook', (e) => {
      const event = FeedEvent.safeParse(JSON.parse((e as MessageEvent<string>).data));
      if (!event.success) return;
      setFeed((f) =>
        f.events.some((x) => x.id === event.data.id)
          ? f
          : { ...f, events: [event.data, ...f.events].slice(0, MAX_SHOWN) },
      );
      if (event.data.connection_id !== null) void queryClient.invalidateQueries({ queryKey: ['connection'] });
    });
    return () => source.close();
  }, [queryClient]);

  return feed;
}
