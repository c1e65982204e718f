import type { WebhookEvent } from '@flange/node';
import type { FeedEvent, ReceiverStatus } from '../src/feed-event';

/** What a browser's event stream is told: a webhook for its workspace, or the receiver's state. */
export type FeedMessage =
  { kind: 'webhook'; event: FeedEvent } | { kind: 'receiver'; status: ReceiverStatus };

/**
 * The verified webhooks, deduplicated by `webhook-id` and fanned out to the browsers of the workspace they
 * concern (the connection's end user is the workspace: the demo creates sessions that way). Recent events
 * are kept per workspace so a page opened later still shows them. Memory is bounded throughout.
 */
export interface EventFeed {
  /** Record a verified webhook; false when its id was seen before (a retry), which changes nothing. */
  publish(event: WebhookEvent, receivedAt: Date): boolean;
  /** The workspace's recent events, oldest first. */
  recent(workspaceId: string): FeedEvent[];
  receiver(): ReceiverStatus;
  setReceiver(status: ReceiverStatus): void;
  /** Live messages for one workspace until the returned function is called. */
  subscribe(workspaceId: string, listener: (message: FeedMessage) => void): () => void;
}

export interface EventFeedOptions {
  receiverUrl: string;
  /** Events kept per workspace (default 50). */
  perWorkspace?: number;
  /** Workspaces kept, least recently active dropped first (default 1000). */
  workspaces?: number;
  /** Webhook ids remembered for deduplication (default 10 000). */
  seenIds?: number;
}

/** An in-memory feed; a real host would put the dedupe set in its database. */
export function createEventFeed(opts: EventFeedOptions): EventFeed {
  const perWorkspace = opts.perWorkspace ?? 50;
  const maxWorkspaces = opts.workspaces ?? 1000;
  const maxSeen = opts.seenIds ?? 10_000;
  // Insertion-ordered: the first entries are the oldest, so eviction is a walk from the front.
  const seen = new Set<string>();
  const history = new Map<string, FeedEvent[]>();
  const listeners = new Map<string, Set<(message: FeedMessage) => void>>();
  let receiver: ReceiverStatus = { state: 'registering', url: opts.receiverUrl, detail: null };

  const broadcast = (workspaceId: string | null, message: FeedMessage) => {
    const targets = workspaceId === null ? [...listeners.values()] : [listeners.get(workspaceId)];
    for (const set of targets) for (const listener of set ?? []) listener(message);
  };

  return {
    publish(event, receivedAt) {
      if (seen.has(event.id)) return false;
      seen.add(event.id);
      if (seen.size > maxSeen) seen.delete(seen.values().next().value as string);
      const { workspaceId, item } = toFeedEvent(event, receivedAt);
      const list = history.get(workspaceId) ?? [];
      history.delete(workspaceId);
      history.set(workspaceId, [...list.slice(-(perWorkspace - 1)), item]);
      if (history.size > maxWorkspaces) history.delete(history.keys().next().value as string);
      broadcast(workspaceId, { kind: 'webhook', event: item });
      return true;
    },
    recent: (workspaceId) => [...(history.get(workspaceId) ?? [])],
    receiver: () => receiver,
    setReceiver(status) {
      receiver = status;
      broadcast(null, { kind: 'receiver', status });
    },
    subscribe(workspaceId, listener) {
      const set = listeners.get(workspaceId) ?? new Set();
      set.add(listener);
      listeners.set(workspaceId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(workspaceId);
      };
    },
  };
}

function toFeedEvent(event: WebhookEvent, receivedAt: Date): { workspaceId: string; item: FeedEvent } {
  const base = { id: event.id, type: event.type, created_at: event.created_at };
  const at = receivedAt.toISOString();
  if (event.type === 'system.requested') {
    const request = event.data.system_request;
    return {
      workspaceId: request.end_user.id,
      item: {
        ...base,
        received_at: at,
        connection_id: null,
        system_name: request.name,
        status: null,
        detail: 'Asked Flange to support this system',
        previous_token_expires_at: null,
        verified: true,
      },
    };
  }
  const { connection } = event.data;
  const detail =
    event.type === 'connection.reauthorization_required' || event.type === 'connection.degraded'
      ? (event.data.reason.display_message ?? event.data.reason.code)
      : null;
  return {
    workspaceId: connection.end_user.id,
    item: {
      ...base,
      received_at: at,
      connection_id: connection.id,
      system_name: connection.system.name,
      status: connection.status,
      detail,
      previous_token_expires_at:
        event.type === 'connection.token_rotated' ? event.data.previous_token_expires_at : null,
      verified: true,
    },
  };
}
