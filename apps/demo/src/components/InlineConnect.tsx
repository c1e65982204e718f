import { FlangeConnect } from '@flange/react';
import type { ConnectSession } from '../api';
import type { WidgetCallbacks } from './widget-types';

/**
 * Flange Connect rendered in Acme's own page. It talks to Flange's API directly with the session token;
 * the API's origin is the connect URL's.
 */
export function InlineConnect({
  session,
  onSuccess,
  onExit,
  onEvent,
  onDone,
}: { session: ConnectSession; onDone: () => void } & WidgetCallbacks) {
  return (
    <div className="inline-widget">
      <FlangeConnect
        sessionToken={session.session_token}
        apiBaseUrl={new URL(session.connect_url).origin}
        onSuccess={onSuccess}
        onExit={(error) => onExit(error)}
        onEvent={(name) => onEvent(name)}
        onDone={onDone}
      />
    </div>
  );
}
