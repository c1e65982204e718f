import type { ConnectSuccess } from '@flange/react';
import type { AttemptError, WidgetEventName } from '@flange/protocol';

/** What the integration card needs from either mode of Flange Connect. */
export interface WidgetCallbacks {
  /** A single-use public token; Acme's backend exchanges it. Never a connection token. */
  onSuccess: (result: ConnectSuccess) => void;
  /** The user left without connecting. */
  onExit: (error: AttemptError | null) => void;
  onEvent: (name: WidgetEventName) => void;
}
