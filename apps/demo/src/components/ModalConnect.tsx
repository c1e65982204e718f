import { useFlangeConnect } from '@flange/react';
import { useEffect, useRef } from 'react';
import type { ConnectSession } from '../api';
import type { WidgetCallbacks } from './widget-types';

/** The hosted flow in a modal iframe, opened once the hook has the session. */
export function ModalConnect({
  session,
  onSuccess,
  onExit,
  onEvent,
}: { session: ConnectSession } & WidgetCallbacks) {
  const { open, ready, error } = useFlangeConnect({
    sessionToken: session.session_token,
    connectUrl: session.connect_url,
    onSuccess,
    onExit: (err) => onExit(err),
    onEvent: (name) => onEvent(name),
  });
  // One open per session, StrictMode's double effect included.
  const opened = useRef(false);
  useEffect(() => {
    if (ready && !opened.current) {
      opened.current = true;
      open();
    }
  }, [ready, open]);

  return error ? (
    <p role="alert" className="alert alert-error">
      Flange Connect could not open: {error.message}
    </p>
  ) : null;
}
