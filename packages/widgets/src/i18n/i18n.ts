import { enMessages } from './en.messages.js';
import { zhCnMessages, type CrmMessages } from './zh-cn.messages.js';

export type { CrmMessages };

/** The locales every widget ships with. zh-CN is the default. */
export type CrmLocale = 'zh-CN' | 'en';

export const defaultLocale: CrmLocale = 'zh-CN';

/**
 * Maps any BCP 47 tag to a supported locale: `en`, `en-US`, `en-GB` → `en`; anything else → `zh-CN`.
 *
 * @example normalizeLocale('en-US') // 'en'
 */
export function normalizeLocale(tag: string | null | undefined): CrmLocale {
  return tag?.toLowerCase().startsWith('en') ? 'en' : defaultLocale;
}

/** The message catalogue for a locale. */
export function messagesFor(locale: CrmLocale): CrmMessages {
  return locale === 'en' ? enMessages : zhCnMessages;
}

/** A 0–100 score as a localized percentage (`85%`). */
export function formatPercent(locale: CrmLocale, score: number): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(score / 100);
}

/** A list of labels joined the way the locale joins them (`行业、决策人` / `industry and decision maker`). */
export function formatList(locale: CrmLocale, items: string[]): string {
  return new Intl.ListFormat(locale, { style: 'short', type: 'conjunction' }).format(items);
}
