import { HostToFrameMessage, MESSAGE_VERSION } from '@flange/protocol';
import type { FrameToHostMessage } from '@flange/protocol';

type InitMessage = Extract<HostToFrameMessage, { type: 'init' }>;
type Outgoing = FrameToHostMessage extends infer M
  ? M extends unknown
    ? Omit<M, 'source' | 'v'>
    : never
  : never;

/** The window API the bridge uses; a real Window in the page, a stand-in in tests. */
export interface BridgeWindow {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}
export interface BridgeTarget {
  postMessage(message: unknown, targetOrigin: string): void;
}

export interface HostBridgeOptions {
  /** Origins allowed to embed the session (from the boot JSON); exact strings such as https://app.acme.com. */
  allowedOrigins: readonly string[];
  onInit: (message: InitMessage, origin: string) => void;
  onClose?: () => void;
  win?: BridgeWindow;
  /** The embedding window; defaults to window.parent. */
  parent?: BridgeTarget;
}

export interface HostBridge {
  /** The host origin we locked to at `init`, or null before it. */
  readonly hostOrigin: string | null;
  /** Send a message to the host; dropped before `init` (there is no trusted origin yet). */
  send(message: Outgoing): void;
  dispose(): void;
}

/**
 * The hosted page's side of the postMessage protocol. Posts `ready` to each allowed origin
 * (postMessage only delivers where the target origin matches, so only the real host hears it),
 * accepts `init` only from the parent window at an allowed origin, then locks to that origin:
 * later messages from elsewhere are ignored and everything it sends goes to that origin only.
 */
export function connectToHost(options: HostBridgeOptions): HostBridge {
  const win: BridgeWindow = options.win ?? window;
  const parent: BridgeTarget = options.parent ?? window.parent;
  const allowed = new Set(options.allowedOrigins);
  let hostOrigin: string | null = null;
  let disposed = false;

  const onMessage = (event: MessageEvent): void => {
    if (disposed || event.source !== parent) return;
    if (hostOrigin === null ? !allowed.has(event.origin) : event.origin !== hostOrigin) return;
    const parsed = HostToFrameMessage.safeParse(event.data);
    if (!parsed.success) return;
    if (parsed.data.type === 'init') {
      if (hostOrigin !== null) return;
      hostOrigin = event.origin;
      options.onInit(parsed.data, event.origin);
    } else if (hostOrigin !== null) {
      options.onClose?.();
    }
  };
  win.addEventListener('message', onMessage);

  for (const origin of allowed) {
    try {
      parent.postMessage({ source: 'flange', v: MESSAGE_VERSION, type: 'ready' }, origin);
    } catch {
      // A malformed origin cannot be posted to; the others still are.
    }
  }

  return {
    get hostOrigin() {
      return hostOrigin;
    },
    send: (message) => {
      if (disposed || hostOrigin === null) return;
      parent.postMessage({ ...message, source: 'flange', v: MESSAGE_VERSION }, hostOrigin);
    },
    dispose: () => {
      disposed = true;
      win.removeEventListener('message', onMessage);
    },
  };
}

/** True when the page runs inside a frame (the normal hosted mode). */
export function isEmbedded(win: Window = window): boolean {
  try {
    return win.parent !== win;
  } catch {
    return true;
  }
}
