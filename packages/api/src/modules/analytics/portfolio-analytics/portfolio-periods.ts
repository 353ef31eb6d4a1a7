import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { addDays, addMonths, businessMonth, type IsoDate } from '../../../platform/time/calendar-date.ts';

export const GRANULARITIES = ['month', 'quarter'] as const;
export type Granularity = (typeof GRANULARITIES)[number];
/** The longest report: 36 periods (three years by month, nine by quarter). */
export const MAX_PERIODS = 36;

/** The periods of a report as business dates (Beijing), both inclusive, keyed `2026-03` or `2026-Q1`. */
export type PortfolioBuckets = { granularity: Granularity; keys: string[]; starts: IsoDate[]; ends: IsoDate[] };

const quarterStart = (month: string): IsoDate => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return `${year}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
};
const keyOf = (start: IsoDate, granularity: Granularity) =>
  granularity === 'month' ? start.slice(0, 7) : `${start.slice(0, 4)}-Q${Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1}`;

/**
 * The periods from the month `from` to the month `to` (a quarter covers the months it contains), plus `before`
 * periods ahead of them (growth rates need the one before the first). Absent bounds: the 12 months ending this month.
 * @returns the buckets, or why the range is refused (for a 422).
 * @example portfolioBuckets('month', '2026-01', '2026-03', 0, now).keys // ['2026-01', '2026-02', '2026-03']
 */
export function portfolioBuckets(granularity: Granularity, from: string | undefined, to: string | undefined, before: number, now: Date): PortfolioBuckets | { problem: string } {
  const last = to ?? businessMonth(now);
  const first = from ?? addMonths(`${last}-01`, -11).slice(0, 7);
  if (first > last) return { problem: 'from is after to' };
  const step = granularity === 'month' ? 1 : 3;
  const align = (month: string) => (granularity === 'month' ? `${month}-01` : quarterStart(month));
  const starts: IsoDate[] = [];
  for (let start = align(first); start <= align(last); start = addMonths(start, step)) {
    starts.push(start);
    if (starts.length > MAX_PERIODS) return { problem: `at most ${MAX_PERIODS} periods` };
  }
  for (let i = 0; i < before; i += 1) starts.unshift(addMonths(starts[0]!, -step));
  return {
    granularity,
    keys: starts.map((start) => keyOf(start, granularity)),
    starts,
    ends: starts.map((start) => addDays(addMonths(start, step), -1)),
  };
}

/** The keys of the `count` periods after the last one (forecast periods). */
export function followingKeys(buckets: PortfolioBuckets, count: number): string[] {
  const step = buckets.granularity === 'month' ? 1 : 3;
  const last = buckets.starts[buckets.starts.length - 1]!;
  return Array.from({ length: count }, (_, i) => keyOf(addMonths(last, step * (i + 1)), buckets.granularity));
}

/** SQL of the period key of a business date expression (`2026-03` / `2026-Q1`). */
export function periodKeySql(granularity: Granularity, businessDay: SQL): SQL {
  return granularity === 'month' ? sql`to_char(${businessDay}, 'YYYY-MM')` : sql`to_char(${businessDay}, 'YYYY-"Q"Q')`;
}

/** SQL of the first day of the period a date falls in (group by this, format the few groups with `periodKeySql`). */
export function periodStartSql(granularity: Granularity, businessDay: SQL): SQL {
  return granularity === 'month' ? sql`date_trunc('month', ${businessDay})::date` : sql`date_trunc('quarter', ${businessDay})::date`;
}

/** SQL of the Beijing business date of a timestamptz column. */
export const beijingDate = (instant: SQL): SQL => sql`(${instant} at time zone 'Asia/Shanghai')::date`;

export const SEGMENTS = ['none', 'level', 'industry'] as const;
export type Segment = (typeof SEGMENTS)[number];

/**
 * SQL of a customer's segment key: null, the level (`1`…`4`) or the industry (`unknown` when empty), over the
 * columns of the customer read model the caller joined.
 * @example segmentSql('industry', visible) // coalesce(nullif(btrim("visible_customers"."industry"), ''), 'unknown')
 */
export function segmentSql(segment: Segment, customer: { level: SQLWrapper; industry: SQLWrapper }): SQL {
  if (segment === 'level') return sql`${customer.level}::text`;
  if (segment === 'industry') return sql`coalesce(nullif(btrim(${customer.industry}), ''), 'unknown')`;
  return sql`null::text`;
}

/** A date[] literal bound as one parameter. */
export const dateArray = (dates: readonly IsoDate[]): SQL => sql`${`{${dates.join(',')}}`}::date[]`;
/** A text[] literal of period keys bound as one parameter (keys contain no commas or quotes). */
export const keyArray = (keys: readonly string[]): SQL => sql`${`{${keys.join(',')}}`}::text[]`;
