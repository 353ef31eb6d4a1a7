import type { CrmLocale } from '../i18n/i18n.js';

/** The contract calendar's time zone: contract dates are Beijing calendar days (see the contracts module). */
export const CONTRACT_TIME_ZONE = 'Asia/Shanghai';

/** Within this many days of its end a contract's renewal is highlighted (the default notice period). */
export const RENEWAL_SOON_DAYS = 30;

/**
 * The calendar day (`YYYY-MM-DD`) an instant falls on in a time zone.
 *
 * @example calendarDayIn(new Date('2026-11-25T17:30:00Z')) // '2026-11-26' (01:30 in Beijing)
 */
export function calendarDayIn(instant: Date, timeZone = CONTRACT_TIME_ZONE): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** Whole days from one `YYYY-MM-DD` to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** How close a contract's end is: `past` once its last day is over, `soon` within {@link RENEWAL_SOON_DAYS}. */
export type RenewalBand = 'past' | 'soon' | 'later';

export type RenewalCountdown = { days: number; band: RenewalBand };

/**
 * Days to renewal: the contract's inclusive `end_date` minus today in Beijing. On the last day it is 0 (still in
 * force, due today); the day after, -1 (past).
 *
 * @example renewalCountdown('2026-12-16', new Date('2026-11-26T04:00:00Z')) // { days: 20, band: 'soon' }
 */
export function renewalCountdown(endDate: string, now: Date): RenewalCountdown {
  const days = daysBetween(calendarDayIn(now), endDate);
  return { days, band: days < 0 ? 'past' : days <= RENEWAL_SOON_DAYS ? 'soon' : 'later' };
}

/**
 * A target in service minutes as people say it: whole hours as hours, the rest in minutes.
 *
 * @example formatServiceMinutes(15, 'zh-CN') // '15 分钟'
 * @example formatServiceMinutes(240, 'en') // '4 hours'
 * @example formatServiceMinutes(90, 'zh-CN') // '1 小时 30 分钟'
 */
export function formatServiceMinutes(minutes: number, locale: CrmLocale): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return unit(locale, rest, 'minute');
  if (rest === 0) return unit(locale, hours, 'hour');
  return `${unit(locale, hours, 'hour')} ${unit(locale, rest, 'minute')}`;
}

function unit(locale: CrmLocale, value: number, which: 'hour' | 'minute'): string {
  // Intl writes zh-CN units without a space ("15分钟"); the CRM's Chinese copy spaces numbers from words.
  if (locale === 'zh-CN') return `${value} ${which === 'hour' ? '小时' : '分钟'}`;
  return new Intl.NumberFormat('en', { style: 'unit', unit: which, unitDisplay: 'long' }).format(value);
}

/**
 * An availability target given in percent (99.95) as the locale writes it.
 *
 * @example formatAvailability(99.95, 'en') // '99.95%'
 */
export function formatAvailability(percent: number, locale: CrmLocale): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 3 }).format(percent / 100);
}

/** A reason of the recommendation, as the API gives it. */
export type RecommendationReason = { factor: string; points: number; effect: 'up' | 'down' | 'neutral' | 'rule'; zh: string; en: string };

/**
 * The reasons that weighed most: scored factors by the size of their points, the rules (caps, the score summary)
 * only when too few factors are left. Keeps the API's order between equals.
 */
export function topReasons<T extends RecommendationReason>(reasons: readonly T[], count = 3): T[] {
  const factors = reasons.filter((reason) => reason.effect !== 'rule');
  const rules = reasons.filter((reason) => reason.effect === 'rule');
  const ranked = factors
    .map((reason, index) => ({ reason, index }))
    .sort((a, b) => Math.abs(b.reason.points) - Math.abs(a.reason.points) || a.index - b.index)
    .map(({ reason }) => reason);
  return [...ranked, ...rules].slice(0, count);
}
