import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { rawRows } from '../../../db/raw-rows.ts';
import { addDays, startOfBusinessDay } from '../../../platform/time/calendar-date.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { customerDirectory, visibleCustomers } from '../../customers/customers/customers.public.ts';
import { beijingDate, periodKeySql, periodStartSql, type PortfolioBuckets, type Segment, segmentSql } from '../../analytics/portfolio-analytics/portfolio-analytics.public.ts';

/** NPS answers of one period and segment, by the Beijing date the response was submitted. */
export type SurveyPortfolioInputs = {
  period: string;
  segment: string | null;
  /** Submitted responses that answered an NPS question. */
  nps_answers: number;
  /** Of those, scores 9–10. */
  promoters: number;
  /** Of those, scores 0–6. */
  detractors: number;
};

// The read model joined under the name `c`: drizzle's alias of a view names the columns only (in a raw FROM it
// would render the alias alone, which is no relation), so the join below names the view itself.
const segmentCustomers = alias(customerDirectory, 'c');

/**
 * NPS counts per period and segment of the customers the caller may see, in one grouped statement.
 * @example await surveyPortfolioInputs(scope, buckets, 'industry') // [{ period: '2026-03', segment: 'IT', nps_answers: 12, promoters: 7, detractors: 2 }]
 */
export async function surveyPortfolioInputs(scope: RequestScope, buckets: PortfolioBuckets, segment: Segment): Promise<SurveyPortfolioInputs[]> {
  const start = startOfBusinessDay(buckets.starts[0]!).toISOString();
  const end = startOfBusinessDay(addDays(buckets.ends[buckets.ends.length - 1]!, 1)).toISOString();
  const bucket = periodStartSql(buckets.granularity, beijingDate(sql`r.submitted_at`));
  const rows = rawRows<Record<keyof SurveyPortfolioInputs, unknown>>(
    await scope.tx.execute(sql`
      select ${periodKeySql(buckets.granularity, bucket)} as period, ${segmentSql(segment, segmentCustomers)} as segment,
             count(*)::int as nps_answers, count(*) filter (where r.nps >= 9)::int as promoters,
             count(*) filter (where r.nps <= 6)::int as detractors
        from survey_responses r
        join ${customerDirectory} c on ${segmentCustomers.tenant_id} = ${scope.tenantId} and ${segmentCustomers.id} = r.customer_id
       where r.tenant_id = ${scope.tenantId} and r.complete and r.nps is not null
         and r.submitted_at >= ${start}::timestamptz and r.submitted_at < ${end}::timestamptz
         and ${visibleCustomers(scope, segmentCustomers) as SQL}
       group by 1, 2`),
  );
  return rows.map((row) => ({
    period: String(row.period),
    segment: row.segment === null ? null : String(row.segment),
    nps_answers: Number(row.nps_answers),
    promoters: Number(row.promoters),
    detractors: Number(row.detractors),
  }));
}
