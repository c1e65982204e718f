import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { demoApi, type ConnectSession, type ConnectionState } from '../api';
import { ConnectionStatus } from './ConnectionStatus';
import { EventLog, type LoggedEvent } from './EventLog';
import { InlineConnect } from './InlineConnect';
import { ModalConnect } from './ModalConnect';
import type { ConnectSuccess } from '@flange/react';

type Mode = { kind: 'choose' } | { kind: 'inline' | 'modal'; session: ConnectSession; succeeded: boolean };

/**
 * The integration card: offers Flange Connect inline or in a window, hands the public token to Acme's
 * backend, and shows the status that backend read from Flange with the connection token.
 */
export function ConnectCmms() {
  const queryClient = useQueryClient();
  const connection = useQuery({ queryKey: ['connection'], queryFn: demoApi.connection });
  const [mode, setMode] = useState<Mode>({ kind: 'choose' });
  const [events, setEvents] = useState<LoggedEvent[]>([]);
  const [exitNote, setExitNote] = useState<string | null>(null);

  const start = useMutation({
    mutationFn: demoApi.createConnectSession,
    onSuccess: (session, kind) => {
      setExitNote(null);
      setEvents([]);
      setMode({ kind, session, succeeded: false });
    },
  });
  const exchange = useMutation({
    mutationFn: demoApi.exchange,
    onSuccess: (data) => {
      queryClient.setQueryData<ConnectionState>(['connection'], (old) => ({
        connection: data.connection,
        other_connections: old?.connection ? old.other_connections + 1 : 0,
      }));
    },
  });

  const onEvent = useCallback((name: string) => {
    setEvents((list) => [...list.slice(-49), { name, at: new Date() }]);
  }, []);
  const { mutate: exchangeToken } = exchange;
  // The widget stays on its success screen (the user closes it); Acme's backend exchanges meanwhile.
  const onSuccess = useCallback(
    ({ publicToken }: ConnectSuccess) => {
      setMode((m) => (m.kind === 'choose' ? m : { ...m, succeeded: true }));
      exchangeToken(publicToken);
    },
    [exchangeToken],
  );
  const onExit = useCallback((error: { display_message?: string } | null) => {
    setExitNote(error?.display_message ?? null);
    setMode({ kind: 'choose' });
  }, []);

  const current = connection.data?.connection ?? null;
  const busy = start.isPending || exchange.isPending;

  return (
    <section id="integrations" aria-labelledby="integrations-title" className="section">
      <div className="section-head">
        <h2 id="integrations-title">Connect your CMMS</h2>
      </div>
      <div className="card connect-card">
        <p className="lead">
          Acme Reliability reads work orders, assets and failure codes from your maintenance system. Connect
          it once; your credentials go to Flange, encrypted, and never to Acme.
        </p>

        {connection.isPending ? <p role="status">Loading your integration…</p> : null}
        {connection.isError ? (
          <p role="alert" className="alert alert-error">
            Could not read the connection status: {connection.error.message}
          </p>
        ) : null}
        {current !== null ? <ConnectionStatus connection={current} /> : null}

        {mode.kind === 'choose' || mode.succeeded ? (
          <div className="connect-actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy}
              onClick={() => start.mutate('inline')}
            >
              {current === null ? 'Connect inline' : 'Connect another system inline'}
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => start.mutate('modal')}>
              Open in a window
            </button>
          </div>
        ) : null}
        {start.isPending ? <p role="status">Starting a secure session…</p> : null}
        {start.isError ? (
          <p role="alert" className="alert alert-error">
            Could not start Flange Connect: {start.error.message}
          </p>
        ) : null}
        {exchange.isPending ? <p role="status">Finishing the connection…</p> : null}
        {exchange.isError ? (
          <p role="alert" className="alert alert-error">
            The connection could not be completed: {exchange.error.message}
          </p>
        ) : null}
        {exitNote !== null ? (
          <p role="status" className="alert">
            Flange Connect closed: {exitNote}
          </p>
        ) : null}

        {mode.kind === 'inline' ? (
          <InlineConnect
            key={mode.session.session_token}
            session={mode.session}
            onSuccess={onSuccess}
            onExit={onExit}
            onEvent={onEvent}
            onDone={() => setMode({ kind: 'choose' })}
          />
        ) : null}
        {mode.kind === 'modal' ? (
          <ModalConnect
            key={mode.session.session_token}
            session={mode.session}
            onSuccess={onSuccess}
            onExit={onExit}
            onEvent={onEvent}
          />
        ) : null}

        <EventLog events={events} />
      </div>
    </section>
  );
}
