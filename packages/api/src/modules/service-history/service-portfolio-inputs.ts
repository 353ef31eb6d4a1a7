import { sql, type SQL } from 'drizzle-orm';
import { rawRows } from '../../db/raw-rows.ts';
import { addDays, startOfBusinessDay } from '../../platform/calendar-date.ts';
import type { RequestScope } from '../../platform/request-context.ts';
import { visibleCustomers } from '../customers/customer-visibility.ts';
import { beijingDate, periodKeySql, periodStartSql, segmentSql, type PortfolioBuckets, type Segment } from '../portfolio-analytics/portfolio-periods.ts';

/** Ticket totals of one period and segment, by the Beijing date the ticket opened. */
export type ServicePortfolioInputs = {
  period: string;
  segment: string | null;
  opened: number;
  /** Of those opened, how many are resolved (resolved_at set). */
  resolved: number;
  rating_sum: number;
  rating_count: number;
  response_minutes_sum: number;
  response_count: number;
};

/**
 * Ticket totals per period and segment of the customers the caller may see, in one grouped statement bounded
 * by `opened_at` (so only the periods' month partitions are read).
 * @example await servicePortfolioInputs(scope, buckets, 'level') // [{ period: '2026-03', segment: '3', opened: 41, … }]
 */
export async function servicePortfolioInputs(scope: RequestScope, buckets: PortfolioBuckets, segment: Segment): Promise<ServicePortfolioInputs[]> {
  const start = startOfBusinessDay(buckets.starts[0]!).toISOString();
  const end = startOfBusinessDay(addDays(buckets.ends[buckets.ends.length - 1]!, 1)).toISOString();
  const bucket = periodStartSql(buckets.granularity, beijingDate(sql`r.opened_at`));
  const rows = rawRows<Record<keyof ServicePortfolioInputs, unknown>>(
    await scope.tx.execute(sql`
      select ${periodKeySql(buckets.granularity, sql`g.bucket`)} as period, g.* from (
      select ${bucket} as bucket, ${segmentSql(segment)} as segment,
             count(*)::int as opened,
             count(r.resolved_at)::int as resolved,
             coalesce(sum(r.satisfaction_rating), 0)::int as rating_sum,
             count(r.satisfaction_rating)::int as rating_count,
             coalesce(sum(extract(epoch from r.first_response_at - r.opened_at) / 60), 0)::float8 as response_minutes_sum,
             count(r.first_response_at)::int as response_count
        from service_records r
        join customers on customers.tenant_id = r.tenant_id and customers.id = r.customer_id
       where r.tenant_id = ${scope.tenantId} and ${visibleCustomers(scope) as SQL}
         and r.opened_at >= ${start}::timestamptz and r.opened_at < ${end}::timestamptz
       group by 1, 2) g`),
  );
  return rows.map((row) => ({
    period: String(row.period),
    segment: row.segment === null ? null : String(row.segment),
    opened: Number(row.opened),
    resolved: Number(row.resolved),
    rating_sum: Number(row.rating_sum),
    rating_count: Number(row.rating_count),
    response_minutes_sum: Number(row.response_minutes_sum),
    response_count: Number(row.response_count),
  }));
}
