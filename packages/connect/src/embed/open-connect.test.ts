// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openConnect } from './open-connect';
import type { ConnectHandle, OpenConnectOptions } from './open-connect';
import { SESSION_TOKEN, connection } from '../test/fixtures';

const CONNECT_URL = 'https://connect.flange.test/connect/cs_1';
const ORIGIN = 'https://connect.flange.test';
const msg = (m: Record<string, unknown>) => ({ source: 'flange', v: 1, ...m });

let handle: ConnectHandle | null = null;
afterEach(() => {
  handle?.destroy();
  handle = null;
  document.body.innerHTML = '';
});

/** Open the launcher with a stand-in frame window whose postMessage we can observe. */
function open(extra: Partial<OpenConnectOptions> = {}) {
  const callbacks = {
    onSuccess: vi.fn<NonNullable<OpenConnectOptions['onSuccess']>>(),
    onExit: vi.fn<NonNullable<OpenConnectOptions['onExit']>>(),
    onEvent: vi.fn<NonNullable<OpenConnectOptions['onEvent']>>(),
    onReady: vi.fn<() => void>(),
  };
  handle = openConnect({ connectUrl: CONNECT_URL, sessionToken: SESSION_TOKEN, ...callbacks, ...extra });
  const iframe = document.querySelector('iframe');
  if (!iframe) throw new Error('no iframe');
  const frameWindow = { postMessage: vi.fn<(message: unknown, targetOrigin: string) => void>() };
  Object.defineProperty(iframe, 'contentWindow', { configurable: true, get: () => frameWindow });
  const deliver = (data: unknown, opts: { origin?: string; source?: unknown } = {}) => {
    window.dispatchEvent(
      new MessageEvent('message', {
        data,
        origin: opts.origin ?? ORIGIN,
        source: (opts.source === undefined ? frameWindow : opts.source) as Window,
      }),
    );
  };
  return { ...callbacks, iframe, frameWindow, deliver, handle };
}

describe('openConnect', () => {
  it('renders an accessible modal with the iframe and focuses it', () => {
    const { iframe } = open();
    const dialog = document.querySelector('[role="dialog"]');
    expect(dialog?.getAttribute('aria-modal')).toBe('true');
    expect(dialog?.getAttribute('aria-label')).toBe('Connect your system');
    expect(iframe.getAttribute('src')).toBe(CONNECT_URL);
    expect(iframe.title).toBe('Connect your system');
    expect(iframe.getAttribute('sandbox')).not.toContain('allow-top-navigation');
    expect(iframe.getAttribute('sandbox')).toContain('allow-scripts');
    expect(document.activeElement).toBe(iframe);
  });

  it('sends the session token only after ready, to the exact frame origin', () => {
    const { frameWindow, deliver, onReady } = open({ locale: 'de', theme: { mode: 'dark' } });
    expect(frameWindow.postMessage).not.toHaveBeenCalled();
    deliver(msg({ type: 'ready' }));
    expect(frameWindow.postMessage).toHaveBeenCalledTimes(1);
    expect(frameWindow.postMessage).toHaveBeenCalledWith(
      {
        source: 'flange-host',
        v: 1,
        type: 'init',
        session_token: SESSION_TOKEN,
        locale: 'de',
        theme: { mode: 'dark' },
      },
      ORIGIN,
    );
    expect(onReady).toHaveBeenCalledTimes(1);
    expect(handle?.ready).toBe(true);
    // The flow has its own close button now; the shell's would be a second one.
    expect((document.querySelector('[data-flange-modal] button') as HTMLButtonElement).hidden).toBe(true);
  });

  it.each([
    ['a look-alike host', { origin: 'https://connect.flange.test.evil.com' }],
    ['a suffix host', { origin: 'https://evil-connect.flange.test' }],
    ['the null origin', { origin: 'null' }],
    ['the wrong scheme', { origin: 'http://connect.flange.test' }],
    ['the wrong port', { origin: 'https://connect.flange.test:8443' }],
    ['another window', { source: { postMessage: () => undefined } }],
    ['no source window', { source: null }],
  ])('ignores messages from %s', (_name, opts) => {
    const { frameWindow, deliver, onReady, onSuccess } = open();
    deliver(msg({ type: 'ready' }), opts);
    deliver(msg({ type: 'success', public_token: 'flp_x', connection }), opts);
    expect(frameWindow.postMessage).not.toHaveBeenCalled();
    expect(onReady).not.toHaveBeenCalled();
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it.each([
    ['a string', 'ready'],
    ['null', null],
    ['another source tag', { source: 'other', v: 1, type: 'ready' }],
    ['another version', { source: 'flange', v: 2, type: 'ready' }],
    ['an unknown type', msg({ type: 'steal' })],
    ['extra keys', msg({ type: 'ready', session_token: 'x' })],
    ['a bad event name', msg({ type: 'event', name: 'NOPE', metadata: {} })],
    ['a success without connection', msg({ type: 'success', public_token: 'flp_x' })],
  ])('ignores malformed data: %s', (_name, data) => {
    const { frameWindow, deliver, onEvent, onSuccess } = open();
    deliver(data);
    expect(frameWindow.postMessage).not.toHaveBeenCalled();
    expect(onEvent).not.toHaveBeenCalled();
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it('forwards events and success once, and does not call onExit after success', () => {
    const { deliver, onEvent, onSuccess, onExit } = open();
    deliver(msg({ type: 'event', name: 'SELECT_SYSTEM', metadata: { system_id: 'ibm_maximo' } }));
    deliver(msg({ type: 'success', public_token: 'flp_1', connection }));
    deliver(msg({ type: 'success', public_token: 'flp_1', connection }));
    deliver(msg({ type: 'exit', error: null, metadata: { status: 'done' } }));
    expect(onEvent).toHaveBeenCalledWith('SELECT_SYSTEM', { system_id: 'ibm_maximo' });
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess).toHaveBeenCalledWith({ publicToken: 'flp_1', connection });
    expect(onExit).not.toHaveBeenCalled();
    expect(document.querySelector('iframe')).toBeNull();
  });

  it('closes on the frame exit message and reports the error', () => {
    const { deliver, onExit, onEvent } = open();
    const error = {
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      display_message: 'Rejected.',
      retryable: false,
    };
    deliver(msg({ type: 'exit', error, metadata: { status: 'failed' } }));
    expect(onExit).toHaveBeenCalledWith(error, { status: 'failed' });
    // The flow sent its own EXIT event; the launcher does not add a second one.
    expect(onEvent).not.toHaveBeenCalledWith('EXIT', expect.anything());
    expect(document.querySelector('[data-flange-modal]')).toBeNull();
  });

  it('offers a close button before the frame is ready', async () => {
    const { onExit, onEvent } = open();
    const close = document.querySelector('[data-flange-modal] button') as HTMLButtonElement;
    expect(close.hidden).toBe(false);
    expect(close.getAttribute('aria-label')).toBe('Close');
    close.click();
    expect(onEvent).toHaveBeenCalledWith('EXIT', { status: 'user_closed' });
    expect(onExit).toHaveBeenCalledWith(null, { status: 'user_closed' });
  });

  it('closes on Escape, restores focus and cleans up its listener', () => {
    const button = document.createElement('button');
    document.body.append(button);
    button.focus();
    const { deliver, onExit, frameWindow } = open();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(onExit).toHaveBeenCalledWith(null, { status: 'user_closed' });
    expect(document.querySelector('iframe')).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(document.documentElement.style.getPropertyValue('overflow')).toBe('');
    deliver(msg({ type: 'ready' }));
    expect(frameWindow.postMessage).not.toHaveBeenCalled();
  });

  it('destroy removes everything without callbacks', () => {
    const { onExit } = open();
    handle?.destroy();
    expect(document.body.children).toHaveLength(0);
    expect(onExit).not.toHaveBeenCalled();
    expect(handle?.closed).toBe(true);
  });

  it('renders into a container without a modal and follows resize messages', () => {
    const container = document.createElement('div');
    document.body.append(container);
    const { iframe, deliver } = open({ container });
    expect(document.querySelector('[role="dialog"]')).toBeNull();
    expect(iframe.parentElement).toBe(container);
    deliver(msg({ type: 'resize', height: 512 }));
    expect(iframe.style.getPropertyValue('height')).toBe('512px');
  });

  it('closes and reports when the frame never says ready', () => {
    vi.useFakeTimers();
    try {
      const onLoadError = vi.fn<(e: Error) => void>();
      open({ onLoadError, readyTimeoutMs: 1000 });
      vi.advanceTimersByTime(1001);
      expect(onLoadError).toHaveBeenCalledTimes(1);
      expect(document.querySelector('iframe')).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a connect URL that is not http(s)', () => {
    expect(() => openConnect({ connectUrl: 'javascript:alert(1)', sessionToken: SESSION_TOKEN })).toThrow(
      TypeError,
    );
    expect(document.querySelector('iframe')).toBeNull();
  });
});
