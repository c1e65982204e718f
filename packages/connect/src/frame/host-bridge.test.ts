// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectToHost } from './host-bridge';
import type { HostBridge } from './host-bridge';
import { readHostedBoot } from './boot';
import { SESSION_TOKEN } from '../test/fixtures';

const HOST = 'https://app.acme.test';
const OTHER = 'https://other.acme.test';
const init = { source: 'flange-host', v: 1, type: 'init', session_token: SESSION_TOKEN };

let bridge: HostBridge | null = null;
afterEach(() => {
  bridge?.dispose();
  bridge = null;
  document.body.innerHTML = '';
});

function setup() {
  const parent = { postMessage: vi.fn<(message: unknown, targetOrigin: string) => void>() };
  const onInit = vi.fn<(message: unknown, origin: string) => void>();
  const onClose = vi.fn<() => void>();
  bridge = connectToHost({ allowedOrigins: [HOST, OTHER], onInit, onClose, parent });
  const deliver = (data: unknown, origin = HOST, source: unknown = parent) =>
    window.dispatchEvent(new MessageEvent('message', { data, origin, source: source as Window }));
  return { parent, onInit, onClose, deliver, bridge };
}

describe('connectToHost', () => {
  it('posts ready to each allowed origin explicitly, never to *', () => {
    const { parent } = setup();
    expect(parent.postMessage.mock.calls).toEqual([
      [{ source: 'flange', v: 1, type: 'ready' }, HOST],
      [{ source: 'flange', v: 1, type: 'ready' }, OTHER],
    ]);
  });

  it('accepts init from the parent at an allowed origin and locks to it', () => {
    const { parent, onInit, deliver } = setup();
    deliver(init);
    expect(onInit).toHaveBeenCalledWith(init, HOST);
    expect(bridge?.hostOrigin).toBe(HOST);
    deliver({ ...init, session_token: 'fls_other' }, OTHER);
    deliver({ ...init, session_token: 'fls_again' }, HOST);
    expect(onInit).toHaveBeenCalledTimes(1);
    parent.postMessage.mockClear();
    bridge?.send({ type: 'event', name: 'OPEN', metadata: {} });
    expect(parent.postMessage).toHaveBeenCalledWith(
      { type: 'event', name: 'OPEN', metadata: {}, source: 'flange', v: 1 },
      HOST,
    );
  });

  it.each([
    ['a look-alike origin', 'https://app.acme.test.evil.com', undefined],
    ['the null origin', 'null', undefined],
    ['the wrong scheme', 'http://app.acme.test', undefined],
    ['the wrong port', 'https://app.acme.test:444', undefined],
    ['a window that is not the parent', HOST, { postMessage: () => undefined }],
  ])('ignores init from %s', (_n, origin, source) => {
    const { onInit, deliver, parent } = setup();
    deliver(init, origin, source ?? parent);
    expect(onInit).not.toHaveBeenCalled();
    expect(bridge?.hostOrigin).toBeNull();
  });

  it.each([
    ['a string', 'init'],
    ['a missing token', { source: 'flange-host', v: 1, type: 'init' }],
    ['extra keys', { ...init, api_base: 'https://evil' }],
    ['a wrong version', { ...init, v: 9 }],
  ])('ignores malformed init: %s', (_n, data) => {
    const { onInit, deliver } = setup();
    deliver(data);
    expect(onInit).not.toHaveBeenCalled();
  });

  it('sends nothing before init', () => {
    const { parent } = setup();
    parent.postMessage.mockClear();
    bridge?.send({ type: 'resize', height: 10 });
    expect(parent.postMessage).not.toHaveBeenCalled();
  });

  it('accepts close only from the locked host', () => {
    const { onClose, deliver } = setup();
    const close = { source: 'flange-host', v: 1, type: 'close' };
    deliver(close);
    expect(onClose).not.toHaveBeenCalled();
    deliver(init);
    deliver(close, OTHER);
    expect(onClose).not.toHaveBeenCalled();
    deliver(close);
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});

describe('readHostedBoot', () => {
  const boot = (text: string, type = 'application/json') => {
    document.body.innerHTML = `<script type="${type}" id="flange-boot">${text}</script>`;
  };

  it('reads a valid boot document', () => {
    boot(JSON.stringify({ api_base: 'http://localhost:4000', session_id: 'cs_1', allowed_origins: [HOST] }));
    expect(readHostedBoot()).toEqual({
      api_base: 'http://localhost:4000',
      session_id: 'cs_1',
      allowed_origins: [HOST],
    });
  });

  it('reads the last boot element when a page carries an empty placeholder before it', () => {
    const json = JSON.stringify({ api_base: '', session_id: 'cs_2', allowed_origins: [HOST] });
    document.body.innerHTML = `<script type="application/json" id="flange-boot"></script><script type="application/json" id="flange-boot">${json}</script>`;
    expect(readHostedBoot()?.session_id).toBe('cs_2');
  });

  it.each([
    ['missing', null],
    ['not JSON', '{nope'],
    ['a wildcard origin', JSON.stringify({ api_base: '', session_id: 'cs', allowed_origins: ['*'] })],
    [
      'an origin with a path',
      JSON.stringify({ api_base: '', session_id: 'cs', allowed_origins: [`${HOST}/x`] }),
    ],
  ])('returns null when %s', (_n, text) => {
    if (text !== null) boot(text);
    expect(readHostedBoot()).toBeNull();
  });
});
