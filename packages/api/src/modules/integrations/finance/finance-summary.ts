import { sql } from 'drizzle-orm';
import { rawRows } from '../../../db/raw-rows.ts';
import { businessDate, businessMonth } from '../../../platform/time/calendar-date.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { idArray } from '../../../db/id-array.ts';

/** What the health score reads of a customer's money: revenue trend, overdue debt and payment punctuality. */
export type FinanceSummary = {
  revenue_12m: number;
  revenue_prev_12m: number;
  /** Invoiced (non-void) per month, the last 12 business months, oldest first, zero months included. */
  monthly_revenue: { month: string; amount: number }[];
  overdue_amount: number;
  overdue_invoices: number;
  max_days_overdue: number;
  /** Paid invoices paid by their due date / paid invoices, paid in the last 12 months; null when none. */
  paid_on_time_ratio: number | null;
};


/** The 12 business months ending with the month of `asOf`, oldest first, and the first days bounding them. */
export function monthWindow(asOf: Date) {
  const months = Array.from({ length: 12 }, (_, i) => businessMonth(asOf, i - 11));
  return { months, start: `${months[0]}-01`, prevStart: `${businessMonth(asOf, -23)}-01`, end: `${businessMonth(asOf, 1)}-01` };
}

const money = (value: unknown) => Math.round(Number(value ?? 0) * 100) / 100;

/**
 * Finance summaries of many customers in two statements (revenue by month; overdue and punctuality), for
 * the nightly health job. Months and "today" are business (Asia/Shanghai) dates of `asOf`; revenue counts
 * non-void invoices by issue month; overdue means open or partially paid with `due_on` before today.
 * Every id asked for gets an entry, zeros when it has no invoices.
 * @example const byCustomer = await financeSummaries(scope, [1, 2], new Date()); byCustomer.get(1)!.overdue_amount
 */
export async function financeSummaries(scope: RequestScope, customerIds: readonly number[], asOf: Date): Promise<Map<number, FinanceSummary>> {
  const { months, start, prevStart, end } = monthWindow(asOf);
  const today = businessDate(asOf);
  const summaries = new Map<number, FinanceSummary>();
  for (const id of customerIds) {
    summaries.set(id, {
      revenue_12m: 0,
      revenue_prev_12m: 0,
      monthly_revenue: months.map((month) => ({ month, amount: 0 })),
      overdue_amount: 0,
      overdue_invoices: 0,
      max_days_overdue: 0,
      paid_on_time_ratio: null,
    });
  }
  if (customerIds.length === 0) return summaries;

  const revenue = rawRows<{ customer_id: string | number; month: string; amount: string | number }>(
    await scope.tx.execute(sql`
      select customer_id, to_char(issued_on, 'YYYY-MM') as month, sum(amount)::text as amount
      from invoices
      where tenant_id = ${scope.tenantId} and customer_id in (select unnest(${idArray(customerIds)}))
        and status <> 'void' and issued_on >= ${prevStart}::date and issued_on < ${end}::date
      group by customer_id, to_char(issued_on, 'YYYY-MM')`),
  );
  for (const row of revenue) {
    const summary = summaries.get(Number(row.customer_id));
    if (!summary) continue;
    const amount = Number(row.amount);
    const bucket = summary.monthly_revenue.find((m) => m.month === row.month);
    if (bucket) {
      bucket.amount = money(bucket.amount + amount);
      summary.revenue_12m = money(summary.revenue_12m + amount);
    } else summary.revenue_prev_12m = money(summary.revenue_prev_12m + amount);
  }

  const standing = rawRows<{ customer_id: string | number; overdue_amount: string | null; overdue_invoices: number; max_days_overdue: number | null; paid: number; paid_on_time: number }>(
    await scope.tx.execute(sql`
      select customer_id,
        sum(amount - paid_amount) filter (where overdue)::text as overdue_amount,
        (count(*) filter (where overdue))::int as overdue_invoices,
        max(${today}::date - due_on) filter (where overdue) as max_days_overdue,
        (count(*) filter (where paid_recently))::int as paid,
        (count(*) filter (where paid_recently and paid_on <= due_on))::int as paid_on_time
      from (
        select customer_id, amount, paid_amount, due_on, paid_on,
          status in ('open', 'partially_paid') and due_on < ${today}::date as overdue,
          status = 'paid' and paid_on >= ${start}::date and paid_on <= ${today}::date as paid_recently
        from invoices
        where tenant_id = ${scope.tenantId} and customer_id in (select unnest(${idArray(customerIds)}))
          and (status in ('open', 'partially_paid') or (status = 'paid' and paid_on >= ${start}::date))
      ) i
      group by customer_id`),
  );
  for (const row of standing) {
    const summary = summaries.get(Number(row.customer_id));
    if (!summary) continue;
    summary.overdue_amount = money(row.overdue_amount);
    summary.overdue_invoices = Number(row.overdue_invoices);
    summary.max_days_overdue = Number(row.max_days_overdue ?? 0);
    summary.paid_on_time_ratio = Number(row.paid) > 0 ? Number(row.paid_on_time) / Number(row.paid) : null;
  }
  return summaries;
}
