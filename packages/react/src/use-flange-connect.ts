import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { httpOrigin, openConnect } from '@flange/connect';
import type { ConnectHandle, ConnectSuccess, OpenConnectOptions } from '@flange/connect';
import type { AttemptError, Locale, Theme, WidgetEventMetadata, WidgetEventName } from '@flange/protocol';
import { useLatest } from './use-latest';

export interface UseFlangeConnectOptions {
  /** The `session_token` (fls_…); null while the host backend is still creating the session. */
  sessionToken: string | null;
  /** The `connect_url` returned with the session. */
  connectUrl: string | null;
  onSuccess?: (result: ConnectSuccess) => void;
  onExit?: (error: AttemptError | null, metadata: WidgetEventMetadata) => void;
  onEvent?: (name: WidgetEventName, metadata: WidgetEventMetadata) => void;
  locale?: Locale;
  theme?: Theme;
  /** Render inside this element instead of a modal. */
  container?: HTMLElement | null;
}

export interface UseFlangeConnectResult {
  /** Open the hosted flow in a modal iframe; a no-op while one is open or before `ready`. */
  open: () => void;
  /** Close it as if the user had left (onExit is called). */
  close: () => void;
  /** True in the browser once a session token and a valid connect URL are present. */
  ready: boolean;
  /** Set when the connect URL is invalid or the frame failed to load. */
  error: Error | null;
}

const noSubscribe = () => () => undefined;

interface OpenFlow {
  handle: ConnectHandle;
  key: string;
}

/**
 * Open the hosted connect flow in a modal iframe. Safe under StrictMode (one iframe, callbacks once),
 * during server rendering (nothing touches the DOM until `open`), and on unmount (the iframe is removed).
 */
export function useFlangeConnect(options: UseFlangeConnectOptions): UseFlangeConnectResult {
  const latest = useLatest(options);
  const flow = useRef<OpenFlow | null>(null);
  const inBrowser = useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
  const [loadError, setLoadError] = useState<{ key: string; error: Error } | null>(null);
  const { sessionToken, connectUrl } = options;
  const key = `${sessionToken ?? ''} ${connectUrl ?? ''}`;
  const urlValid = connectUrl !== null && httpOrigin(connectUrl) !== null;
  const ready = inBrowser && !!sessionToken && urlValid;

  // A new session replaces the open flow, silently.
  useEffect(() => {
    if (flow.current && flow.current.key !== key) {
      flow.current.handle.destroy();
      flow.current = null;
    }
  }, [key]);
  // Unmount removes the iframe without calling any callback. The removal waits one task: StrictMode's
  // simulated unmount is followed at once by a remount, which cancels it, so a flow opened from an
  // effect survives development mode instead of flashing and vanishing.
  const pendingDestroy = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (pendingDestroy.current !== null) clearTimeout(pendingDestroy.current);
    pendingDestroy.current = null;
    return () => {
      pendingDestroy.current = setTimeout(() => {
        pendingDestroy.current = null;
        flow.current?.handle.destroy();
        flow.current = null;
      }, 0);
    };
  }, []);

  const open = useCallback(() => {
    const o = latest.current;
    if (!ready || !o.sessionToken || !o.connectUrl) {
      console.warn('[flange] open() called before the session is ready; ignoring.');
      return;
    }
    if (flow.current && !flow.current.handle.closed) return;
    const opts: OpenConnectOptions = {
      connectUrl: o.connectUrl,
      sessionToken: o.sessionToken,
      onSuccess: (r) => latest.current.onSuccess?.(r),
      onExit: (e, m) => latest.current.onExit?.(e, m),
      onEvent: (n, m) => latest.current.onEvent?.(n, m),
      onLoadError: (error) => setLoadError({ key, error }),
    };
    if (o.locale) opts.locale = o.locale;
    if (o.theme) opts.theme = o.theme;
    if (o.container) opts.container = o.container;
    flow.current = { handle: openConnect(opts), key };
  }, [ready, key, latest]);

  const close = useCallback(() => flow.current?.handle.close(), []);

  const error =
    connectUrl !== null && !urlValid
      ? new Error('connectUrl must be an absolute http(s) URL.')
      : loadError?.key === key
        ? loadError.error
        : null;
  return { open, close, ready, error };
}
