import { sql } from 'drizzle-orm';
import { rawRows } from '../../../db/raw-rows.ts';
import { addDays, startOfBusinessDay } from '../../../platform/time/calendar-date.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { customerDirectory, visibleCustomers } from '../../customers/customers/customers.public.ts';
import { beijingDate, periodKeySql, periodStartSql, type PortfolioBuckets, type Segment, segmentSql } from '../../analytics/portfolio-analytics/portfolio-analytics.public.ts';

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
  const bucket = periodStartSql(buckets.granularity, beijingDate(sql`opened_at`));
  // Tickets fold per customer and period first (a hash aggregate over the partitions read), then the far
  // fewer folded rows join the customers for their segment: grouping the joined rows by segment made the
  // planner sort all of them (it expects as many groups as tickets).
  // The customers the caller may see, from the read model; the segment is read off its columns.
  const visible = scope.tx.select().from(customerDirectory).where(visibleCustomers(scope, customerDirectory)).as('visible_customers');
  const rows = rawRows<Record<keyof ServicePortfolioInputs, unknown>>(
    await scope.tx.execute(sql`
      select ${periodKeySql(buckets.granularity, sql`r.bucket`)} as period, ${segmentSql(segment, visible)} as segment,
             sum(r.opened)::int as opened, sum(r.resolved)::int as resolved, sum(r.rating_sum)::int as rating_sum,
             sum(r.rating_count)::int as rating_count, sum(r.response_minutes_sum)::float8 as response_minutes_sum,
             sum(r.response_count)::int as response_count
        from (
          select customer_id, ${bucket} as bucket,
                 count(*) as opened,
                 count(resolved_at) as resolved,
                 coalesce(sum(satisfaction_rating), 0) as rating_sum,
                 count(satisfaction_rating) as rating_count,
                 coalesce(sum(extract(epoch from first_response_at - opened_at) / 60), 0)::float8 as response_minutes_sum,
                 count(first_response_at) as response_count
            from service_records
           where tenant_id = ${scope.tenantId} and opened_at >= ${start}::timestamptz and opened_at < ${end}::timestamptz
           group by 1, 2) r
        join ${visible} on ${visible.id} = r.customer_id
       group by r.bucket, 2`),
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
