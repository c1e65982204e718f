import { useEffect, useRef } from 'react';

/** Focus an element when the view mounts, so keyboard and screen reader users land on the new step. */
export function useFocusOnMount<T extends HTMLElement>(enabled = true) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (enabled) ref.current?.focus({ preventScroll: false });
  }, [enabled]);
  return ref;
}
