import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { IsoDate } from '../../../platform/time/calendar-date.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { invoices } from './finance.schema.ts';

/**
 * A customer's invoiced revenue (non-void invoices issued after `after` up to and including `through`) as a
 * correlated scalar subquery for the caller's statement: `customerId` is a column or expression of that
 * statement, probed through the (tenant, customer, issued_on) index once per row. Null without invoices.
 * @example sql`select coalesce(${invoicedRevenueSql(scope, sql`m.customer_id`, '2025-05-04', '2026-05-04')}, 0) from segment_members m`
 */
export function invoicedRevenueSql(scope: RequestScope, customerId: SQLWrapper, after: IsoDate, through: IsoDate): SQL {
  return sql`(select sum(i.amount) from ${invoices} i where i.tenant_id = ${scope.tenantId} and i.customer_id = ${customerId} and i.status <> 'void' and i.issued_on > ${after}::date and i.issued_on <= ${through}::date)`;
}
