import type { FeedEvent, ReceiverStatus } from '../feed-event';
import { useWebhookFeed } from '../webhook-feed';

const STATUS_LABEL: Record<NonNullable<FeedEvent['status']>, string> = {
  active: 'Active',
  degraded: 'Degraded',
  reauthorization_required: 'Reconnect needed',
  revoked: 'Revoked',
};

function receiverLine(receiver: ReceiverStatus | null, live: boolean): { text: string; tone: string } {
  if (!live) return { text: 'Connecting to Acme’s backend…', tone: 'badge-muted' };
  if (receiver === null || receiver.state === 'registering') {
    return { text: 'Registering Acme’s webhook endpoint with Flange…', tone: 'badge-muted' };
  }
  if (receiver.state === 'failed') {
    return {
      text: `Not receiving webhooks: ${receiver.detail ?? 'registration failed'}`,
      tone: 'badge-danger',
    };
  }
  return { text: 'Listening', tone: 'badge-ok' };
}

/**
 * The Events panel: the webhooks Flange sent to Acme's backend, which verified each signature with the
 * SDK (`flange.webhooks.verify`) and pushed it here the moment it arrived.
 */
export function EventsPanel() {
  const { events, receiver, live } = useWebhookFeed();
  const line = receiverLine(receiver, live);
  return (
    <section id="events" aria-labelledby="events-title" className="section">
      <div className="section-head">
        <h2 id="events-title">Events</h2>
        <span className={`badge ${line.tone}`} role="status" aria-label="Webhook receiver">
          {line.text}
        </span>
      </div>
      <div className="card events-card">
        <p className="lead">
          Webhooks from Flange, as Acme&apos;s backend receives them
          {receiver === null ? '' : ' at '}
          {receiver === null ? null : <code>{receiver.url}</code>}. Each signature is checked before the event
          is shown; a forged or replayed one is refused.
        </p>
        {events.length === 0 ? (
          <p className="feed-empty">No events yet. Connect a system to see one arrive.</p>
        ) : null}
        <ol className="feed" aria-label="Webhook events" aria-live="polite" aria-relevant="additions">
          {events.map((e) => (
            <li key={e.id} className="feed-item">
              <div className="feed-row">
                <code className="feed-type">{e.type}</code>
                <span className="badge badge-ok" title="Signature checked with the endpoint's secret">
                  <span aria-hidden="true">✓ </span>Verified
                </span>
                <time className="feed-time" dateTime={e.received_at}>
                  {new Date(e.received_at).toLocaleTimeString()}
                </time>
              </div>
              <div className="feed-meta">
                {e.system_name ?? 'Unknown system'}
                {e.connection_id === null ? null : (
                  <>
                    {' · '}
                    <code>{e.connection_id}</code>
                  </>
                )}
                {e.status === null ? null : ` · ${STATUS_LABEL[e.status]}`}
              </div>
              {e.previous_token_expires_at === null ? null : (
                <div className="feed-detail">
                  Previous token works until{' '}
                  <time dateTime={e.previous_token_expires_at}>
                    {new Date(e.previous_token_expires_at).toLocaleString()}
                  </time>
                </div>
              )}
              {e.detail === null ? null : <div className="feed-detail">{e.detail}</div>}
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
