import type { WebhookEvent } from '@flange/node';
import { describe, expect, it } from 'vitest';
import { createEventFeed, type FeedMessage } from './event-feed';

const connection = (endUser: string) => ({
  id: `conn_${endUser}`,
  object: 'connection' as const,
  environment: 'test' as const,
  status: 'active' as const,
  reauthorization_required: false,
  system: { id: 'ibm-maximo', name: 'IBM Maximo' },
  auth_method: 'api_key',
  instance_url: 'https://maximo.example.com',
  end_user: { id: endUser, name: null, organization: null },
  account: {},
  entities_verified: [],
  created_at: '2026-01-01T00:00:00.000Z',
  last_verified_at: null,
  next_check_at: null,
  last_verification: null,
  metadata: {},
});

const created = (id: string, endUser: string): WebhookEvent => ({
  id,
  type: 'connection.created',
  created_at: '2026-01-01T00:00:00.000Z',
  environment: 'test',
  data: { connection: connection(endUser) },
});

describe('the event feed', () => {
  it('shows a webhook once per webhook-id, to the workspace it concerns only', () => {
    const feed = createEventFeed({ receiverUrl: 'http://127.0.0.1:1/webhooks/flange' });
    const a: FeedMessage[] = [];
    const b: FeedMessage[] = [];
    feed.subscribe('ws_a', (m) => a.push(m));
    feed.subscribe('ws_b', (m) => b.push(m));
    const at = new Date('2026-01-01T00:00:01.000Z');
    expect(feed.publish(created('msg_1', 'ws_a'), at)).toBe(true);
    expect(feed.publish(created('msg_1', 'ws_a'), at)).toBe(false);
    expect(a).toEqual([
      {
        kind: 'webhook',
        event: {
          id: 'msg_1',
          type: 'connection.created',
          created_at: '2026-01-01T00:00:00.000Z',
          received_at: '2026-01-01T00:00:01.000Z',
          connection_id: 'conn_ws_a',
          system_name: 'IBM Maximo',
          status: 'active',
          detail: null,
          previous_token_expires_at: null,
          verified: true,
        },
      },
    ]);
    expect(b).toEqual([]);
    expect(feed.recent('ws_b')).toEqual([]);
  });

  it('carries the rotation deadline and the reason a connection needs attention', () => {
    const feed = createEventFeed({ receiverUrl: 'x' });
    feed.publish(
      {
        id: 'msg_r',
        type: 'connection.token_rotated',
        created_at: '2026-01-01T00:00:00.000Z',
        environment: 'test',
        data: { connection: connection('ws'), previous_token_expires_at: '2026-01-02T00:00:00.000Z' },
      },
      new Date(),
    );
    feed.publish(
      {
        id: 'msg_d',
        type: 'connection.reauthorization_required',
        created_at: '2026-01-01T00:00:00.000Z',
        environment: 'test',
        data: {
          connection: { ...connection('ws'), status: 'reauthorization_required' },
          reason: { code: 'INVALID_CREDENTIALS', display_message: 'The API key was rejected.' },
          reconnect: { reconnect_connection_id: 'conn_ws' },
        },
      },
      new Date(),
    );
    expect(feed.recent('ws').map((e) => [e.previous_token_expires_at, e.detail])).toEqual([
      ['2026-01-02T00:00:00.000Z', null],
      [null, 'The API key was rejected.'],
    ]);
  });

  it('keeps memory bounded: events per workspace, workspaces, and remembered ids', () => {
    const feed = createEventFeed({ receiverUrl: 'x', perWorkspace: 2, workspaces: 2, seenIds: 3 });
    for (const id of ['m1', 'm2', 'm3']) feed.publish(created(id, 'ws_a'), new Date());
    expect(feed.recent('ws_a').map((e) => e.id)).toEqual(['m2', 'm3']);
    feed.publish(created('m4', 'ws_b'), new Date());
    feed.publish(created('m5', 'ws_c'), new Date());
    expect(feed.recent('ws_a')).toEqual([]);
    expect(feed.recent('ws_c').map((e) => e.id)).toEqual(['m5']);
    // m1 fell out of the dedupe window (3 ids): a very late retry of it would show again.
    expect(feed.publish(created('m1', 'ws_c'), new Date())).toBe(true);
    expect(feed.publish(created('m5', 'ws_c'), new Date())).toBe(false);
  });

  it('tells every open page when the receiver state changes, and stops after unsubscribe', () => {
    const feed = createEventFeed({ receiverUrl: 'http://r' });
    expect(feed.receiver()).toEqual({ state: 'registering', url: 'http://r', detail: null });
    const seen: FeedMessage[] = [];
    const stop = feed.subscribe('ws_a', (m) => seen.push(m));
    feed.setReceiver({ state: 'listening', url: 'http://r', detail: null });
    stop();
    feed.setReceiver({ state: 'failed', url: 'http://r', detail: 'no' });
    expect(seen).toEqual([
      { kind: 'receiver', status: { state: 'listening', url: 'http://r', detail: null } },
    ]);
  });
});
