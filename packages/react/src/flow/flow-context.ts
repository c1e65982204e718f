import { createContext, useContext, useSyncExternalStore } from 'react';
import type { RefObject } from 'react';
import type { ApiClient, FlowEventSink, FlowSnapshot, FlowStore } from '@flange/connect';
import type { Locale, SessionInfo } from '@flange/protocol';
import type { Translate } from '../i18n/translate';

export interface FlowContextValue {
  client: ApiClient;
  store: FlowStore;
  session: SessionInfo;
  t: Translate;
  locale: Locale;
  /** Events the UI itself reports (SEARCH, PROBE); the store reports the rest. */
  emit: FlowEventSink;
  /** Leave the widget; null when the host gave no way out (inline without onExit). */
  exit: (() => void) | null;
  /** True on the page an IT admin opened from a hand-off link. */
  admin: boolean;
  /** The widget's root element: DOM lookups stay inside it (it may live in a shadow root). */
  rootRef: RefObject<HTMLDivElement | null>;
  /** The level of each step's heading (the host's outline decides); sub-headings go one below. */
  headingLevel: HeadingLevel;
}

export type HeadingLevel = 1 | 2 | 3 | 4 | 5;
type HeadingTag = 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6';

/** The tags for a step's heading and its sections' headings, at the level the host set. */
export function useHeadings(): { Step: HeadingTag; Sub: HeadingTag } {
  const { headingLevel } = useFlowContext();
  return { Step: `h${headingLevel}`, Sub: `h${(headingLevel + 1) as 2 | 3 | 4 | 5 | 6}` };
}

export const FlowContext = createContext<FlowContextValue | null>(null);

/** The flow's services; only valid under FlangeConnect. */
export function useFlowContext(): FlowContextValue {
  const ctx = useContext(FlowContext);
  if (!ctx) throw new Error('Flange flow components must be rendered inside <FlangeConnect>.');
  return ctx;
}

/** The flow store's current snapshot, re-rendering on change. */
export function useFlowSnapshot(): FlowSnapshot {
  const { store } = useFlowContext();
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}

/** The element focused inside the widget, whether it renders in the document or in a shadow root. */
export function activeElementIn(root: HTMLElement | null): Element | null {
  const node = root?.getRootNode() as Document | ShadowRoot | undefined;
  return node?.activeElement ?? null;
}
