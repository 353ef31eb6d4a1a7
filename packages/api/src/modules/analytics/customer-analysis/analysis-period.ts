import { addDays, addMonths, businessDate, daysBetween, isIsoDate, type IsoDate } from '../../../platform/time/calendar-date.ts';

/** The named periods of the analysis (REQ-016 §8 uses `12m`). */
export const ANALYSIS_PERIODS = ['3m', '6m', '12m', '24m', 'custom'] as const;
export type AnalysisPeriodName = (typeof ANALYSIS_PERIODS)[number];

/** A period as business dates, both inclusive, and its length. */
export type AnalysisPeriod = { name: AnalysisPeriodName; from: IsoDate; to: IsoDate; days: number; months: number };

/** The longest custom range: five years, like the service-time arithmetic. */
export const MAX_ANALYSIS_DAYS = 5 * 366;

/**
 * The dates a period covers: `12m` is the twelve months ending today (Beijing), `custom` the given dates.
 * @returns the period, or the reason it is not one (for a 422).
 * @example analysisPeriod('3m', undefined, undefined, new Date('2026-11-26T02:00:00Z')) // { from: '2026-08-27', to: '2026-11-26', … }
 */
export function analysisPeriod(name: AnalysisPeriodName, from: string | undefined, to: string | undefined, now: Date): AnalysisPeriod | { problem: string } {
  const today = businessDate(now);
  if (name !== 'custom') {
    if (from !== undefined || to !== undefined) return { problem: 'from and to go with period=custom' };
    const months = Number(name.slice(0, -1));
    const start = addDays(addMonths(today, -months), 1);
    return { name, from: start, to: today, days: daysBetween(start, today) + 1, months };
  }
  if (!from || !to || !isIsoDate(from) || !isIsoDate(to)) return { problem: 'period=custom needs from and to as YYYY-MM-DD' };
  if (from > to) return { problem: 'from is after to' };
  const days = daysBetween(from, to) + 1;
  if (days > MAX_ANALYSIS_DAYS) return { problem: `a custom period is at most ${MAX_ANALYSIS_DAYS} days` };
  return { name, from, to, days, months: Math.round((days / 30.4375) * 10) / 10 };
}
