import type { ErrorCode, FieldRefusal, FieldSpec, Locale } from '@flange/protocol';
import type { Translate } from './translate';

/**
 * Text for an error shown to the end user. In English the server's display message is the most
 * specific (it names the product's own signal); in other languages the catalog's text for the code is
 * used, since connectors write their messages in English.
 */
export function errorText(
  error: { code: ErrorCode; display_message?: string | undefined },
  t: Translate,
  locale: Locale,
): string {
  if (locale === 'en' && error.display_message) return error.display_message;
  return t(`error.${error.code}`);
}

/** Text for a refused field value, from its reason key and parameters. */
export function fieldText(field: FieldSpec, check: FieldRefusal, t: Translate, locale: Locale): string {
  // A connector's own pattern message is English only; other languages get the generic sentence.
  if (check.problem === 'pattern' && locale === 'en' && field.pattern_message) return field.pattern_message;
  return t(`field.${check.problem}`, check.params);
}

/** Connector-provided text (labels, guides) is English: mark it so screen readers pronounce it right. */
export function sourceLang(locale: Locale): 'en' | undefined {
  return locale === 'en' ? undefined : 'en';
}
