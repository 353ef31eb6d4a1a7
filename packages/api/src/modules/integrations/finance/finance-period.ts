import { sql } from 'drizzle-orm';
import { rawRows } from '../../../db/raw-rows.ts';
import type { IsoDate } from '../../../platform/time/calendar-date.ts';
import type { RequestScope } from '../../../platform/request-context.ts';

/** A customer's invoiced revenue (non-void invoices by issue date) between two business dates, both inclusive. */
export async function revenueBetween(scope: RequestScope, customerId: number, from: IsoDate, to: IsoDate): Promise<{ total: number; invoices: number }> {
  const [row] = rawRows<{ total: string | null; invoices: number }>(
    await scope.tx.execute(sql`
      select coalesce(sum(amount), 0)::text as total, count(*)::int as invoices
      from invoices
      where tenant_id = ${scope.tenantId} and customer_id = ${customerId} and status <> 'void'
        and issued_on between ${from}::date and ${to}::date`),
  );
  return { total: Math.round(Number(row?.total ?? 0) * 100) / 100, invoices: Number(row?.invoices ?? 0) };
}
