import type { HandoffResume } from '@flange/protocol';
import type { ApiClient } from '../api/api-client';
import type { FlowSnapshot } from './flow-types';
import type { Persistence } from './persistence';

/** How long typing settles before the position is sent to the session. */
const REMOTE_DEBOUNCE_MS = 400;

/** Where the user is, as the session keeps it for a hand-off or another browser: null off the form. */
export function resumeOf(state: FlowSnapshot, values: Record<string, string>): HandoffResume | null {
  if (!state.systemId) return null;
  return {
    system_id: state.systemId,
    ...(state.authMethod ? { auth_method: state.authMethod } : {}),
    ...(Object.keys(values).length > 0 ? { values } : {}),
  };
}

/**
 * Keeps the user's non-secret position (screen, system, method, the values marked to keep) where a
 * reload or a new tab finds it: in this browser's storage, and, debounced, on the session for browsers
 * that keep no storage here (a third-party frame, another profile).
 */
export function createPositionSync(client: Pick<ApiClient, 'savePosition'>, persistence: Persistence) {
  /** Keys of values that may survive a reload (never secrets). */
  const keys = new Set<string>();
  let bound = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sent = 'null';
  let next = 'null';

  const send = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (next === sent) return;
    sent = next;
    client.savePosition(JSON.parse(next) as HandoffResume | null).catch(() => {
      // A convenience: the local copy, or the catalog, is the fallback.
    });
  };

  /** The kept values that are set; `nonEmpty` leaves out empty ones. */
  const keptValues = (values: FlowSnapshot['values'], nonEmpty = false): Record<string, string> => {
    const kept: Record<string, string> = {};
    for (const k of keys) {
      const v = values[k];
      if (v !== undefined && (!nonEmpty || v !== '')) kept[k] = v;
    }
    return kept;
  };

  return {
    keys,
    keptValues,
    /** Start saving, once the session (and so the storage slot) is known. */
    bind(): void {
      bound = true;
    },
    /** The position as the session already has it (read back at start): not sent again. */
    adoptRemote(remote: HandoffResume): void {
      sent = JSON.stringify(remote);
    },
    /** Save where `state` is. */
    save(state: FlowSnapshot): void {
      if (!bound) return;
      const onForm = state.screen === 'form' || state.screen === 'handoff';
      const values = onForm ? keptValues(state.values) : {};
      persistence.save({
        screen: onForm ? (state.screen as 'form' | 'handoff') : null,
        systemId: onForm ? state.systemId : null,
        authMethod: onForm ? state.authMethod : null,
        values,
      });
      // Off the form (validating, success…) the server's own state says where the user is.
      if (!onForm && state.screen !== 'catalog') return;
      next = JSON.stringify(onForm ? resumeOf(state, values) : null);
      if (next !== sent && timer === undefined) timer = setTimeout(send, REMOTE_DEBOUNCE_MS);
    },
    /** Send a pending position now (the page is going away right after typing). */
    flush(): void {
      if (timer !== undefined) send();
    },
  };
}
