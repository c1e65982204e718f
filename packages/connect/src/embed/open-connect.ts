import { FrameToHostMessage, MESSAGE_VERSION } from '@flange/protocol';
import type {
  AttemptError,
  ConnectionView,
  HostToFrameMessage,
  Locale,
  Theme,
  WidgetEventMetadata,
  WidgetEventName,
} from '@flange/protocol';
import { createModal, css } from './modal';
import type { ModalShell } from './modal';
import { httpOrigin } from './origin';

/** What the host receives when the end user is connected. The public token is single use. */
export interface ConnectSuccess {
  publicToken: string;
  connection: ConnectionView;
}

export interface OpenConnectOptions {
  /** The `connect_url` returned with the session. */
  connectUrl: string;
  /** The `session_token` (fls_…); sent to the frame by postMessage only after it said `ready`. */
  sessionToken: string;
  onSuccess?: (result: ConnectSuccess) => void;
  /** Called when the user leaves without connecting (never after onSuccess). */
  onExit?: (error: AttemptError | null, metadata: WidgetEventMetadata) => void;
  onEvent?: (name: WidgetEventName, metadata: WidgetEventMetadata) => void;
  /** The frame is loaded and has the session token. */
  onReady?: () => void;
  /** The frame did not load in time; the launcher has closed itself. */
  onLoadError?: (error: Error) => void;
  theme?: Theme;
  locale?: Locale;
  /** Render the flow inside this element instead of a modal dialog. */
  container?: HTMLElement;
  /** How long to wait for the frame's `ready` message; default 20 s. */
  readyTimeoutMs?: number;
}

export interface ConnectHandle {
  /** True once the frame said `ready` and received the session token. */
  readonly ready: boolean;
  readonly closed: boolean;
  /** Close as if the user had left: calls onExit(null, { status: 'closed' }) once. */
  close(): void;
  /** Remove everything without calling any callback (unmount). */
  destroy(): void;
}

/**
 * Open the hosted connect flow in an iframe (a modal dialog, or inside `container`). The postMessage
 * protocol accepts a message only from this iframe's window, from the exact origin of `connectUrl`,
 * and only when it parses as a FrameToHostMessage; it posts only to that exact origin.
 */
export function openConnect(options: OpenConnectOptions): ConnectHandle {
  if (typeof window === 'undefined' || typeof document === 'undefined') {
    throw new Error('openConnect runs in a browser only.');
  }
  const frameOrigin = httpOrigin(options.connectUrl);
  if (frameOrigin === null) throw new TypeError('connectUrl must be an absolute http(s) URL.');

  const doc = document;
  let ready = false;
  let closed = false;
  let succeeded = false;
  let modal: ModalShell | null = null;
  let readyTimer: ReturnType<typeof setTimeout> | undefined;

  // oxlint-disable-next-line react/iframe-missing-sandbox -- the sandbox is set through iframe.sandbox below
  const iframe = doc.createElement('iframe');
  iframe.title = 'Connect your system';
  iframe.src = options.connectUrl;
  iframe.referrerPolicy = 'strict-origin';
  // The flow needs scripts, forms and its own origin (its API calls); it must never navigate the host page.
  iframe.sandbox.add(
    'allow-scripts',
    'allow-same-origin',
    'allow-forms',
    'allow-popups',
    'allow-popups-to-escape-sandbox',
  );
  iframe.setAttribute('allow', 'clipboard-write');
  css(iframe, { border: '0', width: '100%', height: '100%', display: 'block' });

  const post = (message: HostToFrameMessage): void => {
    iframe.contentWindow?.postMessage(message, frameOrigin);
  };

  const teardown = (): void => {
    if (closed) return;
    closed = true;
    clearTimeout(readyTimer);
    window.removeEventListener('message', onMessage);
    if (modal) modal.destroy();
    else iframe.remove();
  };

  const exit = (error: AttemptError | null, metadata: WidgetEventMetadata, fromFrame = false): void => {
    if (closed) return;
    teardown();
    if (succeeded) return;
    // The flow reports EXIT itself when it closes; a close from this side (Escape before it loaded,
    // close()) is reported here.
    if (!fromFrame) options.onEvent?.('EXIT', metadata);
    options.onExit?.(error, metadata);
  };

  function onMessage(event: MessageEvent): void {
    // Source first: a message from any other window (a popup, another frame, the page itself) is not ours.
    if (closed || event.source === null || event.source !== iframe.contentWindow) return;
    if (event.origin !== frameOrigin) return;
    const parsed = FrameToHostMessage.safeParse(event.data);
    if (!parsed.success) return;
    const msg = parsed.data;
    switch (msg.type) {
      case 'ready': {
        const init: HostToFrameMessage = {
          source: 'flange-host',
          v: MESSAGE_VERSION,
          type: 'init',
          session_token: options.sessionToken,
        };
        if (options.locale) init.locale = options.locale;
        if (options.theme) init.theme = options.theme;
        post(init);
        clearTimeout(readyTimer);
        if (!ready) {
          ready = true;
          modal?.hideClose();
          options.onReady?.();
        }
        return;
      }
      case 'event':
        options.onEvent?.(msg.name, msg.metadata);
        return;
      case 'success':
        if (succeeded) return;
        succeeded = true;
        options.onSuccess?.({ publicToken: msg.public_token, connection: msg.connection });
        return;
      case 'exit':
        exit(msg.error, msg.metadata, true);
        return;
      case 'resize':
        if (options.container) iframe.style.setProperty('height', `${msg.height}px`);
        return;
    }
  }

  window.addEventListener('message', onMessage);
  readyTimer = setTimeout(() => {
    if (ready || closed) return;
    teardown();
    options.onLoadError?.(new Error('The connect flow did not load in time.'));
  }, options.readyTimeoutMs ?? 20_000);

  if (options.container) {
    iframe.style.setProperty('height', '640px');
    options.container.append(iframe);
  } else {
    modal = createModal(doc, doc.body, 'Connect your system', () => exit(null, { status: 'user_closed' }));
    modal.body.append(iframe);
    modal.focusFirst();
  }

  return {
    get ready() {
      return ready;
    },
    get closed() {
      return closed;
    },
    close: () => exit(null, { status: 'closed' }),
    destroy: teardown,
  };
}
