import { useCallback, useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';

export interface ListWindow {
  /** First and one-past-last rendered index. */
  start: number;
  end: number;
  /** Space standing in for the rows above and below the window. */
  padTop: number;
  padBottom: number;
  /** Scroll so row `index` is visible, and render it (before any scroll event arrives). */
  reveal: (index: number) => void;
}

/** Rows rendered when the viewport's height is not known yet (first paint, or no layout at all). */
const FALLBACK_ROWS = 24;

/**
 * Render only the rows of a fixed-height list that are in (or near) its scrolling viewport, so a
 * catalog of thousands of systems costs the same as one of twenty. The viewport is the element
 * behind `viewportRef`; every row is `rowHeight` pixels.
 */
export function useWindowedList(
  count: number,
  rowHeight: number,
  viewportRef: RefObject<HTMLElement | null>,
  overscan = 8,
): ListWindow {
  const [view, setView] = useState({ top: 0, height: 0 });
  const frame = useRef(0);

  useEffect(() => {
    const el = viewportRef.current;
    if (!el) return;
    const measure = (): void => {
      cancelAnimationFrame(frame.current);
      frame.current = requestAnimationFrame(() =>
        setView((v) =>
          v.top === el.scrollTop && v.height === el.clientHeight
            ? v
            : { top: el.scrollTop, height: el.clientHeight },
        ),
      );
    };
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(el);
    return () => {
      cancelAnimationFrame(frame.current);
      el.removeEventListener('scroll', measure);
      observer?.disconnect();
    };
  }, [viewportRef]);

  const visible = view.height > 0 ? Math.ceil(view.height / rowHeight) : FALLBACK_ROWS;
  const first = Math.min(Math.floor(view.top / rowHeight), Math.max(0, count - 1));
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + visible + overscan);

  const reveal = useCallback(
    (index: number) => {
      const el = viewportRef.current;
      if (!el) return;
      const top = index * rowHeight;
      const height = el.clientHeight;
      let next = el.scrollTop;
      if (top < next) next = top;
      else if (height > 0 && top + rowHeight > next + height) next = top + rowHeight - height;
      else if (height === 0) next = Math.max(0, top - rowHeight * 2);
      el.scrollTop = next;
      setView({ top: next, height });
    },
    [viewportRef, rowHeight],
  );

  return { start, end, padTop: start * rowHeight, padBottom: Math.max(0, (count - end) * rowHeight), reveal };
}
