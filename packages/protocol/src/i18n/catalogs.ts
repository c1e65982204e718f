import type { Locale } from '../session';
import { de } from './de';
import { en } from './en';
import type { Messages } from './en';

/**
 * Every locale's whole catalog, as the server serves it (GET /v1/connect/locales/{locale}). The widget
 * never imports this module: English travels with its code, other languages come from the server.
 */
export const CATALOGS: Record<Locale, Messages> = { en, de };
