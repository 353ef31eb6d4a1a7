import { isNull, sql, type SQL } from 'drizzle-orm';
import { rawRows } from '../../../db/raw-rows.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { KEY_INFORMATION } from '../customers/customer-completeness.ts';
import { visibleCustomers } from '../customers/customer-visibility.ts';
import { customers } from '../customers/customers.schema.ts';
import { segmentSql, type Segment } from '../../analytics/portfolio-analytics/portfolio-periods.ts';

/** Today's completeness of one segment: customers and those with no key information missing. */
export type CompletenessPortfolioInputs = { segment: string | null; customers: number; complete: number };

/**
 * The completeness KPI (as `completenessSummary` counts it: active customers, complete = no key information
 * missing) per segment, in one grouped statement. It is today's value: completeness has no history.
 * @example await completenessPortfolioInputs(scope, 'level') // [{ segment: '1', customers: 120, complete: 113 }]
 */
export async function completenessPortfolioInputs(scope: RequestScope, segment: Segment): Promise<CompletenessPortfolioInputs[]> {
  const keys = sql`${`{${KEY_INFORMATION.join(',')}}`}::text[]`;
  const rows = rawRows<{ segment: string | null; customers: number; complete: number }>(
    await scope.tx.execute(sql`
      select ${segmentSql(segment)} as segment, count(*)::int as customers,
             (count(*) filter (where not (${customers.completeness_missing} && ${keys})))::int as complete
        from customers
       where ${visibleCustomers(scope) as SQL} and ${isNull(customers.archived_at)}
       group by 1`),
  );
  return rows.map((row) => ({ segment: row.segment === null ? null : String(row.segment), customers: Number(row.customers), complete: Number(row.complete) }));
}
