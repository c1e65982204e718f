import { useInsertionEffect, useRef } from 'react';

/**
 * A ref that always holds the latest value, updated before any effect or event handler runs, so
 * callbacks passed as props can change on every render without re-creating what uses them.
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useInsertionEffect(() => {
    ref.current = value;
  });
  return ref;
}
