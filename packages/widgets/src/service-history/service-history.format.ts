import type { CrmLocale } from '../i18n/i18n.js';
import { calendarDayIn } from '../contract-panel/contract-panel.format.js';

/** Every type the timeline merges, in the API's order. */
export const TIMELINE_TYPES = ['service_record', 'communication', 'complaint', 'contract_event'] as const;
/** One of `TIMELINE_TYPES`. */
export type TimelineType = (typeof TIMELINE_TYPES)[number];

/** The periods the widget offers: the last 30, 90 or 365 days, or everything. */
export const PERIODS = ['30', '90', '365', 'all'] as const;
export type Period = (typeof PERIODS)[number];

/**
 * The types a `types="…"` attribute presets: known names in the widget's order, all of them when it names none.
 * @example presetTypes('complaint, service_record,unknown') // ['service_record', 'complaint']
 */
export function presetTypes(attribute: string | null | undefined): TimelineType[] {
  const names = (attribute ?? '').split(',').map((name) => name.trim());
  const known = TIMELINE_TYPES.filter((type) => names.includes(type));
  return known.length > 0 ? known : [...TIMELINE_TYPES];
}

/**
 * The first Beijing calendar day of a period ending today, for the API's `from`; `undefined` for all time.
 * @example periodStart('30', new Date('2026-11-26T04:00:00Z')) // '2026-10-28'
 */
export function periodStart(period: Period, now: Date): string | undefined {
  if (period === 'all') return undefined;
  const today = calendarDayIn(now);
  return new Date(Date.parse(`${today}T00:00:00Z`) - (Number(period) - 1) * 86_400_000).toISOString().slice(0, 10);
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * An entry's time as the locale writes it, in Beijing time like the API.
 * @example formatEntryTime('2026-03-05T22:00:00+08:00', 'zh-CN') // '2026/03/05 22:00'
 * @example formatEntryTime('2026-03-05T22:00:00+08:00', 'en') // 'Mar 5, 2026, 22:00'
 */
export function formatEntryTime(at: string, locale: CrmLocale): string {
  let format = formats.get(locale);
  if (!format) {
    format =
      locale === 'en'
        ? new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' })
        : new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(locale, format);
  }
  return format.format(new Date(at));
}
