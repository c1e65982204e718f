import type { ConnectionStatus, ConnectionView, ErrorCode, WebhookEventInput } from '@flange/protocol';

/**
 * The webhook a status change sends (ARCHITECTURE §3), or null when it sends none. The event, written by the
 * outbox in the transaction of the change, is also the record of the transition.
 */
export function transitionEvent(
  from: ConnectionStatus | null,
  connection: ConnectionView,
  reason: { code: ErrorCode; displayMessage: string | null } | null,
): WebhookEventInput | null {
  const to = connection.status;
  if (from === to) return null;
  const why = { code: reason?.code ?? 'INTERNAL_ERROR', display_message: reason?.displayMessage ?? null };
  switch (to) {
    case 'revoked':
      return { type: 'connection.revoked', data: { connection } };
    case 'reauthorization_required':
      return {
        type: 'connection.reauthorization_required',
        data: { connection, reason: why, reconnect: { reconnect_connection_id: connection.id } },
      };
    case 'degraded':
      return { type: 'connection.degraded', data: { connection, reason: why } };
    case 'active':
      if (from === null) return { type: 'connection.created', data: { connection } };
      if (from === 'degraded') return { type: 'connection.recovered', data: { connection } };
      return { type: 'connection.reauthorized', data: { connection } };
  }
}
