import { sql } from 'drizzle-orm';
import { rawRows } from '../../../db/raw-rows.ts';
import { addDays, businessDate } from '../../../platform/time/calendar-date.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { idArray } from '../../../db/id-array.ts';

/** What the health score reads of a customer's operations: incidents and availability over 90 days. */
export type OpsSummary = {
  incidents_90d: number;
  critical_incidents_90d: number;
  /** Mean of the availability periods overlapping the 90 days; null when none. */
  availability_pct_90d: number | null;
};

const DAY_MS = 86_400_000;

/**
 * Operations summaries of many customers in one statement. Incidents count when they started in the 90 × 24 h
 * before `asOf`; availability periods when they overlap the 90 business days ending with the date of `asOf`.
 * Every id asked for gets an entry.
 * @example const byCustomer = await opsSummaries(scope, [1, 2], new Date()); byCustomer.get(1)!.incidents_90d
 */
export async function opsSummaries(scope: RequestScope, customerIds: readonly number[], asOf: Date): Promise<Map<number, OpsSummary>> {
  const today = businessDate(asOf);
  const firstDay = addDays(today, -89);
  const since = new Date(asOf.getTime() - 90 * DAY_MS);
  const summaries = new Map<number, OpsSummary>();
  for (const id of customerIds) summaries.set(id, { incidents_90d: 0, critical_incidents_90d: 0, availability_pct_90d: null });
  if (customerIds.length === 0) return summaries;

  const rows = rawRows<{ customer_id: string | number; incidents: number; critical: number; availability: number | string | null }>(
    await scope.tx.execute(sql`
      select customer_id,
        (count(*) filter (where kind = 'incident'))::int as incidents,
        (count(*) filter (where kind = 'incident' and severity = 'critical'))::int as critical,
        (avg(availability_pct) filter (where kind = 'availability'))::float8 as availability
      from ops_signals
      where tenant_id = ${scope.tenantId} and customer_id in (select unnest(${idArray(customerIds)}))
        and ((kind = 'incident' and started_at >= ${since.toISOString()}::timestamptz and started_at <= ${asOf.toISOString()}::timestamptz)
          or (kind = 'availability' and period_start <= ${today}::date and period_end >= ${firstDay}::date))
      group by customer_id`),
  );
  for (const row of rows) {
    const summary = summaries.get(Number(row.customer_id));
    if (!summary) continue;
    summary.incidents_90d = Number(row.incidents);
    summary.critical_incidents_90d = Number(row.critical);
    summary.availability_pct_90d = row.availability === null ? null : Math.round(Number(row.availability) * 1000) / 1000;
  }
  return summaries;
}
