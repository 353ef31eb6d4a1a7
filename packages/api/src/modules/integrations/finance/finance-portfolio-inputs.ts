import { sql } from 'drizzle-orm';
import { rawRows } from '../../../db/raw-rows.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { customerDirectory, visibleCustomers } from '../../customers/customers/customers.public.ts';
import { dateArray, periodKeySql, periodStartSql, type PortfolioBuckets, type Segment, segmentSql } from '../../analytics/portfolio-analytics/portfolio-analytics.public.ts';

/** Invoiced revenue (non-void invoices by issue date) of one period and segment. */
export type FinancePortfolioInputs = { period: string; segment: string | null; revenue: number };

/**
 * Revenue per period and segment of the customers the caller may see, in one grouped statement.
 * @example await financePortfolioInputs(scope, buckets, 'none') // [{ period: '2026-03', segment: null, revenue: 120000 }]
 */
export async function financePortfolioInputs(scope: RequestScope, buckets: PortfolioBuckets, segment: Segment): Promise<FinancePortfolioInputs[]> {
  const bounds = dateArray([buckets.starts[0]!, buckets.ends[buckets.ends.length - 1]!]);
  // The customers the caller may see, from the read model; the segment is read off its columns.
  const visible = scope.tx.select().from(customerDirectory).where(visibleCustomers(scope, customerDirectory)).as('visible_customers');
  const rows = rawRows<{ period: string; segment: string | null; revenue: string }>(
    await scope.tx.execute(sql`
      select ${periodKeySql(buckets.granularity, sql`g.bucket`)} as period, g.segment, g.revenue::text as revenue
        from (select ${periodStartSql(buckets.granularity, sql`i.issued_on`)} as bucket, ${segmentSql(segment, visible)} as segment, sum(i.amount) as revenue
        from invoices i
        join ${visible} on ${visible.tenant_id} = i.tenant_id and ${visible.id} = i.customer_id
       where i.tenant_id = ${scope.tenantId} and i.status <> 'void'
         and i.issued_on between (${bounds})[1] and (${bounds})[2]
       group by 1, 2) g`),
  );
  return rows.map((row) => ({
    period: String(row.period),
    segment: row.segment === null ? null : String(row.segment),
    revenue: Math.round(Number(row.revenue) * 100) / 100,
  }));
}
