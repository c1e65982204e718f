import type { Locale } from '@flange/protocol';
import { enCore } from '@flange/protocol/i18n/en-core';
import type { MessageKey, Messages } from '@flange/protocol/i18n/en';

/**
 * English, completed in place: the page ships the first screen's messages, and the rest arrive with
 * the later screens (whose loader awaits completeEnglish), so a translator made early finds them there.
 */
const english: Record<string, string> = { ...enCore };
let englishDone: Promise<void> | null = null;

/** Fetch the rest of the English catalog (once). */
export function completeEnglish(): Promise<void> {
  englishDone ??= import('@flange/protocol/i18n/en-flow').then(
    (m) => void Object.assign(english, m.enFlow),
    (error: unknown) => {
      englishDone = null;
      throw error;
    },
  );
  return englishDone;
}

/** Where other languages come from: the Flange API the widget talks to. */
export interface MessageSource {
  /** The API base, e.g. https://api.flange.dev; '' for the page's own origin. */
  apiBase: string;
  fetch?: typeof fetch | undefined;
}

/** Catalogs fetched so far, per API base and locale; a failed fetch is forgotten and tried again. */
const fetched = new Map<string, Promise<Record<string, string>>>();

/**
 * Another language's catalog from the server (GET /v1/connect/locales/{locale}): public, cacheable text,
 * asked for without a token. Anything but an object of strings is refused.
 */
function fetchCatalog(locale: Locale, source: MessageSource): Promise<Record<string, string>> {
  const url = `${source.apiBase.replace(/\/+$/, '')}/v1/connect/locales/${locale}`;
  let pending = fetched.get(url);
  if (!pending) {
    pending = (source.fetch ?? fetch)(url, { headers: { Accept: 'application/json' }, credentials: 'omit' })
      .then((r) => (r.ok ? (r.json() as Promise<unknown>) : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((body) => {
        if (typeof body !== 'object' || body === null || Array.isArray(body))
          throw new Error('not a catalog');
        for (const text of Object.values(body))
          if (typeof text !== 'string') throw new Error('not a catalog');
        return body as Record<string, string>;
      });
    pending.catch(() => fetched.delete(url));
    fetched.set(url, pending);
  }
  return pending;
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * The catalog for a locale. English ships with the widget; other languages come from the server at
 * `source.apiBase`, and any key they lack reads in English. English whole when the language fails to
 * load. With `part: 'core'` English may still lack the later screens' messages (they arrive with those
 * screens).
 */
export async function loadMessages(
  locale: Locale | null | undefined,
  part: 'core' | 'all' = 'all',
  source: MessageSource = { apiBase: '' },
): Promise<Messages> {
  if (locale && locale !== 'en') {
    try {
      return { ...english, ...(await fetchCatalog(locale, source)) } as Messages;
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
