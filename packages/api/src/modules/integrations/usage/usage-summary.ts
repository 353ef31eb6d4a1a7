import { sql } from 'drizzle-orm';
import { rawRows } from '../../../db/raw-rows.ts';
import { addDays, businessDate } from '../../../platform/time/calendar-date.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { idArray } from '../../../db/id-array.ts';

/** What the health score reads of a customer's engagement: logins and their trend, active users, feature use. */
export type UsageSummary = {
  logins_30d: number;
  logins_prev_30d: number;
  /** Distinct users active in the last 30 days. */
  active_users_30d: number;
  feature_uses_30d: Record<string, number>;
  /** The latest day with any usage, on or before the business date of `asOf`. */
  last_active_day: string | null;
};

/**
 * Usage summaries of many customers in two statements (joins of per-customer aggregates, no per-customer subqueries). The 30 days are the business (Asia/Shanghai) date of
 * `asOf` and the 29 before it; the previous 30 the ones before those. Every id asked for gets an entry.
 * @example const byCustomer = await usageSummaries(scope, [1, 2], new Date()); byCustomer.get(1)!.logins_30d
 */
export async function usageSummaries(scope: RequestScope, customerIds: readonly number[], asOf: Date): Promise<Map<number, UsageSummary>> {
  const today = businessDate(asOf);
  const start = addDays(today, -29);
  const prevStart = addDays(today, -59);
  const summaries = new Map<number, UsageSummary>();
  for (const id of customerIds) summaries.set(id, { logins_30d: 0, logins_prev_30d: 0, active_users_30d: 0, feature_uses_30d: {}, last_active_day: null });
  if (customerIds.length === 0) return summaries;

  const windows = rawRows<{ customer_id: string | number; logins_30d: number; logins_prev_30d: number; active_users_30d: number; feature_uses_30d: Record<string, number> | string | null }>(
    await scope.tx.execute(sql`
      with days as (
        select customer_id, day, logins, active_users, feature_uses
        from usage_daily
        where tenant_id = ${scope.tenantId} and customer_id in (select unnest(${idArray(customerIds)}))
          and day >= ${prevStart}::date and day <= ${today}::date
      ),
      logins as (
        select customer_id,
          (coalesce(sum(logins) filter (where day >= ${start}::date), 0))::int as logins_30d,
          (coalesce(sum(logins) filter (where day < ${start}::date), 0))::int as logins_prev_30d
        from days group by customer_id
      ),
      users as (
        select customer_id, count(distinct u)::int as active_users_30d
        from days, jsonb_array_elements_text(active_users) u
        where day >= ${start}::date group by customer_id
      ),
      features as (
        select customer_id, jsonb_object_agg(feature, uses) as feature_uses_30d
        from (
          select customer_id, f.key as feature, sum(f.value::int) as uses
          from days, jsonb_each_text(feature_uses) f
          where day >= ${start}::date group by customer_id, f.key
        ) per_feature
        group by customer_id
      )
      select l.customer_id, l.logins_30d, l.logins_prev_30d, coalesce(u.active_users_30d, 0) as active_users_30d, f.feature_uses_30d
      from logins l left join users u on u.customer_id = l.customer_id left join features f on f.customer_id = l.customer_id`),
  );
  for (const row of windows) {
    const summary = summaries.get(Number(row.customer_id));
    if (!summary) continue;
    const features = typeof row.feature_uses_30d === 'string' ? (JSON.parse(row.feature_uses_30d) as Record<string, number>) : row.feature_uses_30d;
    summary.logins_30d = Number(row.logins_30d);
    summary.logins_prev_30d = Number(row.logins_prev_30d);
    summary.active_users_30d = Number(row.active_users_30d);
    summary.feature_uses_30d = Object.fromEntries(Object.entries(features ?? {}).map(([k, n]) => [k, Number(n)]));
  }

  const lastActive = rawRows<{ customer_id: string | number; last_active_day: string }>(
    await scope.tx.execute(sql`
      select customer_id, max(day)::text as last_active_day
      from usage_daily
      where tenant_id = ${scope.tenantId} and customer_id in (select unnest(${idArray(customerIds)})) and day <= ${today}::date
      group by customer_id`),
  );
  for (const row of lastActive) {
    const summary = summaries.get(Number(row.customer_id));
    if (summary) summary.last_active_day = row.last_active_day;
  }
  return summaries;
}
