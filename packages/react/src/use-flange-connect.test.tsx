// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StrictMode, useEffect, useRef } from 'react';
import { act, cleanup, render, renderHook } from '@testing-library/react';
import { useFlangeConnect } from './use-flange-connect';
import type { UseFlangeConnectOptions } from './use-flange-connect';
import { SESSION_TOKEN } from './test/fixtures';

const CONNECT_URL = 'https://connect.flange.test/connect/cs_1';

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

function setup(options: Partial<UseFlangeConnectOptions> = {}) {
  const onExit = vi.fn<NonNullable<UseFlangeConnectOptions['onExit']>>();
  return renderHook(
    (p: Partial<UseFlangeConnectOptions>) =>
      useFlangeConnect({ sessionToken: SESSION_TOKEN, connectUrl: CONNECT_URL, onExit, ...options, ...p }),
    { wrapper: StrictMode, initialProps: {} },
  );
}

describe('useFlangeConnect', () => {
  it('is ready with a token and a valid URL, and opens exactly one modal iframe under StrictMode', () => {
    const { result } = setup();
    expect(result.current.ready).toBe(true);
    expect(document.querySelector('iframe')).toBeNull();
    act(() => result.current.open());
    act(() => result.current.open());
    expect(document.querySelectorAll('iframe')).toHaveLength(1);
    expect(document.querySelector('[role="dialog"]')?.getAttribute('aria-modal')).toBe('true');
  });

  it('is not ready without a session token and ignores open()', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { result } = setup({ sessionToken: null });
    expect(result.current.ready).toBe(false);
    act(() => result.current.open());
    expect(document.querySelector('iframe')).toBeNull();
    expect(warn).toHaveBeenCalled();
  });

  it('reports an invalid connect URL', () => {
    const { result } = setup({ connectUrl: 'javascript:alert(1)' });
    expect(result.current.ready).toBe(false);
    expect(result.current.error?.message).toMatch(/http/);
  });

  it('removes the iframe on unmount without calling onExit', async () => {
    const onExit = vi.fn<NonNullable<UseFlangeConnectOptions['onExit']>>();
    const { result, unmount } = setup({ onExit });
    act(() => result.current.open());
    unmount();
    await act(() => new Promise((resolve) => setTimeout(resolve, 5)));
    expect(document.querySelector('iframe')).toBeNull();
    expect(onExit).not.toHaveBeenCalled();
  });

  it('replaces the flow when the session token changes', () => {
    const { result, rerender } = setup();
    act(() => result.current.open());
    rerender({ sessionToken: `fls_${'z'.repeat(40)}` });
    expect(document.querySelector('iframe')).toBeNull();
    act(() => result.current.open());
    expect(document.querySelectorAll('iframe')).toHaveLength(1);
  });

  it('close() closes and reports the exit once', () => {
    const onExit = vi.fn<NonNullable<UseFlangeConnectOptions['onExit']>>();
    const { result } = setup({ onExit });
    act(() => result.current.open());
    act(() => result.current.close());
    act(() => result.current.close());
    expect(document.querySelector('iframe')).toBeNull();
    expect(onExit).toHaveBeenCalledTimes(1);
  });

  it('opened from an effect under StrictMode, the modal stays open and is single', async () => {
    function Host() {
      const { open, ready } = useFlangeConnect({ sessionToken: SESSION_TOKEN, connectUrl: CONNECT_URL });
      // Open once per session, the way a host guards against StrictMode's double effect.
      const opened = useRef(false);
      useEffect(() => {
        if (ready && !opened.current) {
          opened.current = true;
          open();
        }
      }, [ready, open]);
      return null;
    }
    render(
      <StrictMode>
        <Host />
      </StrictMode>,
    );
    await act(() => new Promise((resolve) => setTimeout(resolve, 5)));
    expect(document.querySelectorAll('iframe')).toHaveLength(1);
  });

  it('works from a button click in a component', async () => {
    function Host() {
      const { open, ready } = useFlangeConnect({ sessionToken: SESSION_TOKEN, connectUrl: CONNECT_URL });
      return (
        <button type="button" disabled={!ready} onClick={open}>
          Connect your CMMS
        </button>
      );
    }
    const view = render(
      <StrictMode>
        <Host />
      </StrictMode>,
    );
    act(() => view.getByRole('button', { name: 'Connect your CMMS' }).click());
    expect(document.querySelectorAll('iframe')).toHaveLength(1);
  });
});
