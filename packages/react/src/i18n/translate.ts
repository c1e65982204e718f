import type { Locale } from '@flange/protocol';
import { enCore } from './en-core';
import type { MessageKey, Messages } from './en';

/**
 * English, completed in place: the page ships the first screen's messages, and the rest arrive with
 * the later screens (whose loader awaits completeEnglish), so a translator made early finds them there.
 */
const english: Record<string, string> = { ...enCore };
let englishDone: Promise<void> | null = null;

/** Fetch the rest of the English catalog (once). */
export function completeEnglish(): Promise<void> {
  englishDone ??= import('./en-flow').then(
    (m) => void Object.assign(english, m.enFlow),
    (error: unknown) => {
      englishDone = null;
      throw error;
    },
  );
  return englishDone;
}

/**
 * Other catalogs, loaded on demand so a page pays only for its language. Adding a language: one file
 * like de.ts typed `Messages`, and one line here.
 */
const LOADERS: Partial<Record<Locale, () => Promise<Messages>>> = {
  de: () => import('./de').then((m) => m.de),
};

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * The catalog for a locale; English when the locale has none or it fails to load. With `part: 'core'`
 * English may still lack the later screens' messages (they arrive with those screens).
 */
export async function loadMessages(
  locale: Locale | null | undefined,
  part: 'core' | 'all' = 'all',
): Promise<Messages> {
  const load = locale ? LOADERS[locale] : undefined;
  if (load) {
    try {
      return await load();
    } catch {
      // Fall back to English below.
    }
  }
  if (part === 'all') await completeEnglish();
  return english as Messages;
}

/** The messages shown before any catalog loaded (the first paint, a failed session). */
export const defaultMessages = english as Messages;

const SUPPORTED: readonly Locale[] = ['en', 'de'];

/**
 * The widget's language: the host's prop, else the session's, else the browser's first supported
 * language, else English.
 */
export function resolveLocale(
  prop: Locale | undefined,
  session: Locale | null | undefined,
  languages: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages,
): Locale {
  if (prop) return prop;
  if (session) return session;
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0] as Locale;
    if (SUPPORTED.includes(base)) return base;
  }
  return 'en';
}

/** A translator over a catalog: `{name}` placeholders are replaced by params. */
export function createTranslate(messages: Messages): Translate {
  return (key, params) => {
    // A key missing from a catalog still loading reads as nothing rather than as its id.
    const text = messages[key] ?? '';
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}
