import { isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { rawRows } from '../../../db/raw-rows.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { customerDirectory, KEY_INFORMATION, visibleCustomers } from '../customers/customers.public.ts';
import { type Segment, segmentSql } from '../../analytics/portfolio-analytics/portfolio-analytics.public.ts';

// The read model is read under the name `directory`; drizzle's alias of a view names the columns only (in a
// raw FROM it would render the alias alone), so the FROM below names the view itself.
const directory = alias(customerDirectory, 'directory');

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
      select ${segmentSql(segment, directory)} as segment, count(*)::int as customers,
             (count(*) filter (where not (${directory.completeness_missing} && ${keys})))::int as complete
        from ${customerDirectory} as directory
       where ${visibleCustomers(scope, directory) as SQL} and ${isNull(directory.archived_at)}
       group by 1`),
  );
  return rows.map((row) => ({ segment: row.segment === null ? null : String(row.segment), customers: Number(row.customers), complete: Number(row.complete) }));
}
