import { sql, type SQL } from 'drizzle-orm';
import type { IsoDate } from '../../../platform/time/calendar-date.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { invoices } from './finance.schema.ts';

/**
 * Each customer's non-void invoices issued after `after` up to and including `through`, folded per customer, as a
 * subquery for the caller's statement: `customer_id`, `last_issued_on`, `invoice_count`, `amount`. Customers
 * without such invoices have no row (left join it).
 * @example sql`select c.id, coalesce(t.amount, 0) from ${customerDirectory} c left join ${invoiceTotalsSql(scope, '2025-05-04', '2026-05-04')} t on t.customer_id = c.id`
 */
export function invoiceTotalsSql(scope: RequestScope, after: IsoDate, through: IsoDate): SQL {
  return sql`(select i.customer_id, max(i.issued_on) as last_issued_on, count(*)::int as invoice_count, sum(i.amount) as amount
    from ${invoices} i
    where i.tenant_id = ${scope.tenantId} and i.status <> 'void' and i.issued_on > ${after}::date and i.issued_on <= ${through}::date
    group by i.customer_id)`;
}
