import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { businessDate } from '../../../platform/time/calendar-date.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { findVisibleCustomer } from '../../customers/customers/customers.public.ts';
import type { InvoiceListQuery } from './finance.contract.ts';
import { invoices, payments } from './finance.schema.ts';
import { toInvoice, toPayment } from './finance.service.ts';

const OVERDUE = (today: string) => sql`(${invoices.status} in ('open', 'partially_paid') and ${invoices.due_on} < ${today}::date)`;

/**
 * A page of a customer's invoices, newest issue first (keyset on issued_on, id), with overdue days as of
 * the business date of `now`. A customer the caller cannot see answers 404.
 * @example await listInvoices(scope, 12, { overdue: 'true', limit: 20 }, new Date())
 */
export async function listInvoices(scope: RequestScope, customerId: number, query: InvoiceListQuery, now: Date) {
  await findVisibleCustomer(scope, customerId);
  const today = businessDate(now);
  const where: SQL[] = [eq(invoices.tenant_id, scope.tenantId), eq(invoices.customer_id, customerId)];
  if (query.status) where.push(eq(invoices.status, query.status));
  if (query.overdue === 'true') where.push(OVERDUE(today));
  if (query.overdue === 'false') where.push(sql`not ${OVERDUE(today)}`);
  const after = decodeCursor(query.cursor);
  if (after) where.push(sql`(${invoices.issued_on}, ${invoices.id}) < (${String(after.value)}::date, ${after.id})`);
  const rows = await scope.tx.select().from(invoices).where(and(...where)).orderBy(desc(invoices.issued_on), desc(invoices.id)).limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return { items: items.map((row) => toInvoice(row, today)), next_cursor: rows.length > query.limit && last ? encodeCursor({ value: last.issued_on, id: last.id }) : null };
}

/**
 * A page of a customer's payments, newest first (keyset on paid_on, id).
 * @example await listPayments(scope, 12, { limit: 20 })
 */
export async function listPayments(scope: RequestScope, customerId: number, page: { limit: number; cursor?: string }) {
  await findVisibleCustomer(scope, customerId);
  const where: SQL[] = [eq(payments.tenant_id, scope.tenantId), eq(payments.customer_id, customerId)];
  const after = decodeCursor(page.cursor);
  if (after) where.push(sql`(${payments.paid_on}, ${payments.id}) < (${String(after.value)}::date, ${after.id})`);
  const rows = await scope.tx.select().from(payments).where(and(...where)).orderBy(desc(payments.paid_on), desc(payments.id)).limit(page.limit + 1);
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return { items: items.map(toPayment), next_cursor: rows.length > page.limit && last ? encodeCursor({ value: last.paid_on, id: last.id }) : null };
}
