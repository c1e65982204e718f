import type { ConnectionView } from '@flange/protocol';
import { ConnectionActions } from './ConnectionActions';

const STATUS_TEXT: Record<ConnectionView['status'], { label: string; tone: string }> = {
  active: { label: 'Active', tone: 'badge-ok' },
  degraded: { label: 'Degraded', tone: 'badge-warn' },
  reauthorization_required: { label: 'Reconnect needed', tone: 'badge-danger' },
  revoked: { label: 'Revoked', tone: 'badge-muted' },
};

function when(iso: string | null): string {
  return iso === null ? 'Never' : new Date(iso).toLocaleString();
}

/** The connection as Acme's backend read it from Flange (`flange.connections.get`), and what it can do with it. */
export function ConnectionStatus({ connection }: { connection: ConnectionView }) {
  const status = STATUS_TEXT[connection.status];
  const account = connection.account;
  const who = [account.display_name, account.user && `(${account.user})`].filter(Boolean).join(' ');
  return (
    <section className={`status status-${connection.status}`} aria-labelledby="status-title">
      <div className="status-head">
        <h3 id="status-title">Connected to {connection.system.name}</h3>
        <span className={`badge ${status.tone}`}>{status.label}</span>
      </div>
      <dl className="status-grid">
        <dt>System</dt>
        <dd>{connection.system.name}</dd>
        <dt>Instance</dt>
        <dd>{connection.instance_url ?? '—'}</dd>
        <dt>Account</dt>
        <dd>{who || account.tenant || '—'}</dd>
        <dt>Entities verified</dt>
        <dd>
          {connection.entities_verified.length === 0
            ? 'None'
            : connection.entities_verified.map((e) => e.label).join(', ')}
        </dd>
        <dt>Status</dt>
        <dd>{status.label}</dd>
        <dt>Last verified</dt>
        <dd>
          {connection.last_verified_at === null ? (
            'Never'
          ) : (
            <time dateTime={connection.last_verified_at}>{when(connection.last_verified_at)}</time>
          )}
        </dd>
        <dt>Connection id</dt>
        <dd>
          <code>{connection.id}</code>
        </dd>
      </dl>
      <ConnectionActions connection={connection} />
      <p className="fine-print">
        Read by Acme&apos;s backend from Flange with the <code>@flange/node</code> SDK. The connection token
        stays on Acme&apos;s server; this page never sees it.
      </p>
    </section>
  );
}
