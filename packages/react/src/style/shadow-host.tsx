import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { FLOW_CSS } from './flow-css';

/**
 * Renders its children in an open shadow root attached to a plain host element, with the widget's
 * stylesheet inside it: the host page's selectors (even `* { … !important }`) do not match anything
 * in the widget, and the widget's rules cannot reach the page. Only inherited properties cross the
 * boundary, and the widget's root sets each of them itself; custom properties (--flange-*) still
 * inherit, which is the documented way for a host to theme it from CSS.
 *
 * The shadow root is attached in an effect, so server rendering outputs the empty host element only,
 * and StrictMode's second mount reuses the root the first attached.
 */
export function ShadowHost(props: {
  className: string | undefined;
  nonce: string | undefined;
  children: ReactNode;
}) {
  const hostRef = useRef<HTMLDivElement>(null);
  const [root, setRoot] = useState<ShadowRoot | null>(null);
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    // oxlint-disable-next-line react/set-state-in-effect -- publishing the root this effect attached
    setRoot(host.shadowRoot ?? host.attachShadow({ mode: 'open' }));
  }, []);
  return (
    <div ref={hostRef} className={props.className} data-flange-host="">
      {root &&
        createPortal(
          <>
            <style nonce={props.nonce}>{FLOW_CSS}</style>
            {props.children}
          </>,
          root,
        )}
    </div>
  );
}
