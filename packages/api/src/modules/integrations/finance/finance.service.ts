import { and, eq, inArray, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { businessDate, daysBetween } from '../../../platform/time/calendar-date.ts';
import { ApiError } from '../../../platform/errors.ts';
import './finance.errors.ts';
import { emitEvent } from '../../../platform/events.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import type { Invoice, InvoiceUpsert, Payment, PaymentUpsert } from './finance.contract.ts';
import { invoices, payments, type InvoiceRow, type PaymentRow } from './finance.schema.ts';
import { resolveCustomerRef } from './integration-refs.ts';
import { idArray } from '../../../db/id-array.ts';

type Outcome = 'created' | 'updated' | 'unchanged';

/**
 * An invoice as the API shows it, with overdue computed for the business date `today`.
 * @example toInvoice(row, '2026-11-26').days_overdue // 6 when due on 2026-11-20 and still open
 */
export function toInvoice(row: InvoiceRow, today: string): Invoice {
  const overdue = (row.status === 'open' || row.status === 'partially_paid') && row.due_on < today;
  return {
    id: row.id,
    customer_id: row.customer_id,
    source: row.source,
    external_id: row.external_id,
    invoice_no: row.invoice_no,
    contract_id: row.contract_id,
    amount: Number(row.amount).toFixed(2),
    currency: row.currency,
    issued_on: row.issued_on,
    due_on: row.due_on,
    paid_amount: Number(row.paid_amount).toFixed(2),
    paid_on: row.paid_on,
    status: row.status,
    overdue,
    days_overdue: overdue ? daysBetween(row.due_on, today) : 0,
  };
}

/** A payment as the API shows it. */
export const toPayment = (row: PaymentRow): Payment => ({
  id: row.id,
  customer_id: row.customer_id,
  invoice_id: row.invoice_id,
  source: row.source,
  external_id: row.external_id,
  amount: Number(row.amount).toFixed(2),
  currency: row.currency,
  paid_on: row.paid_on,
  method: row.method,
});

/** Serialises pushes of one source id for the transaction, so two concurrent pushes apply one after the other. */
const lockKey = (scope: RequestScope, key: string) => scope.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}), ${scope.tenantId}::int)`);

const sameColumns = <T extends Record<string, unknown>>(existing: Record<string, unknown>, columns: T) =>
  (Object.keys(columns) as (keyof T & string)[]).every((field) => String(existing[field] ?? '') === String(columns[field] ?? '') && (existing[field] === null) === (columns[field] === null));

/**
 * Derives paid amount, paid date and paid status of invoices from their payments, in one statement. The
 * invoice rows must already be locked by this transaction (updated or selected for update), so the sum
 * sees every committed payment of them. Void stays void; fully paid means the payments reach the amount,
 * on the date of the last one. Both sides name the ids (`= any`, an index condition): with only the join to
 * restrict the updated side, a planner without statistics (a freshly seeded tenant) re-ran the whole
 * subquery for every invoice of the tenant, minutes for one push of one invoice on Postgres 15.
 */
async function recomputeInvoices(scope: RequestScope, invoiceIds: readonly number[], now: Date): Promise<void> {
  if (invoiceIds.length === 0) return;
  await scope.tx.execute(sql`
    update invoices i set
      paid_amount = p.total,
      paid_on = case when i.status <> 'void' and p.total >= i.amount then coalesce(p.last_paid_on, i.issued_on) end,
      status = case when i.status = 'void' then 'void' when p.total >= i.amount then 'paid' when p.total > 0 then 'partially_paid' else 'open' end,
      updated_at = ${now.toISOString()}::timestamptz
    from (
      select inv.id, coalesce(sum(pay.amount), 0) as total, max(pay.paid_on) as last_paid_on
      from invoices inv left join payments pay on pay.tenant_id = inv.tenant_id and pay.invoice_id = inv.id
      where inv.tenant_id = ${scope.tenantId} and inv.id = any(${idArray(invoiceIds)})
      group by inv.id
    ) p
    where i.tenant_id = ${scope.tenantId} and i.id = any(${idArray(invoiceIds)}) and i.id = p.id`);
}

const invoiceById = async (scope: RequestScope, id: number) =>
  (await scope.tx.select().from(invoices).where(and(eq(invoices.tenant_id, scope.tenantId), eq(invoices.id, id))))[0]!;

/**
 * Creates or updates an invoice keyed by source and external id; the same push twice answers `unchanged`
 * and writes nothing. Paid amount and status are then derived from the invoice's payments.
 * @example await upsertInvoice(scope, 'erp', 'INV-1', { customer: { code: 'C001' }, amount: '12000.00', issued_on: '2026-01-01', due_on: '2026-01-31' }, new Date())
 */
export async function upsertInvoice(scope: RequestScope, source: string, externalId: string, input: InvoiceUpsert, now: Date): Promise<{ outcome: Outcome; invoice: Invoice }> {
  if (input.due_on < input.issued_on) throw new ApiError('finance.due_before_issue', { issued_on: input.issued_on, due_on: input.due_on });
  const customerId = await resolveCustomerRef(scope, input.customer);
  const today = businessDate(now);
  await lockKey(scope, `crm.invoice.${source}.${externalId}`);
  const [existing] = await scope.tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.tenant_id, scope.tenantId), eq(invoices.source, source), eq(invoices.external_id, externalId)))
    .for('update');
  const columns = {
    customer_id: customerId,
    invoice_no: input.invoice_no ?? null,
    contract_id: input.contract_id ?? null,
    amount: input.amount,
    currency: input.currency ?? 'CNY',
    issued_on: input.issued_on,
    due_on: input.due_on,
  };
  const status = input.status === 'void' ? ('void' as const) : ('open' as const);
  if (existing && sameColumns(existing, columns) && (existing.status === 'void') === (status === 'void')) {
    return { outcome: 'unchanged', invoice: toInvoice(existing, today) };
  }
  let id: number;
  if (existing) {
    await scope.tx.update(invoices).set({ ...columns, status, updated_at: now }).where(and(eq(invoices.tenant_id, scope.tenantId), eq(invoices.id, existing.id)));
    id = existing.id;
  } else {
    const [row] = await scope.tx.insert(invoices).values({ tenant_id: scope.tenantId, source, external_id: externalId, ...columns, status }).returning({ id: invoices.id });
    id = row!.id;
  }
  await recomputeInvoices(scope, [id], now);
  const invoice = toInvoice(await invoiceById(scope, id), today);
  await audit(scope, { action: `invoice.${existing ? 'updated' : 'created'}`, entity_type: 'invoice', entity_id: id, before: existing ? toInvoice(existing, today) : undefined, after: invoice });
  await emitEvent(scope, {
    type: 'invoice.upserted',
    entity_type: 'invoice',
    entity_id: id,
    payload: { customer_id: customerId, source, external_id: externalId, status: invoice.status, amount: invoice.amount, due_on: invoice.due_on },
  });
  return { outcome: existing ? 'updated' : 'created', invoice };
}

/**
 * Creates or updates a payment keyed by source and external id, and re-derives the paid amount and status
 * of the invoice it pays (and of one it no longer pays). An unknown invoice or one of another customer → 422.
 * @example await upsertPayment(scope, 'erp', 'PAY-1', { customer: { id: 12 }, invoice: { source: 'erp', external_id: 'INV-1' }, amount: '5000.00', paid_on: '2026-02-01' }, new Date())
 */
export async function upsertPayment(scope: RequestScope, source: string, externalId: string, input: PaymentUpsert, now: Date): Promise<{ outcome: Outcome; payment: Payment; invoice: Invoice | null }> {
  const customerId = await resolveCustomerRef(scope, input.customer);
  const today = businessDate(now);
  let invoiceId: number | null = null;
  if (input.invoice) {
    const [target] = await scope.tx
      .select({ id: invoices.id, customer_id: invoices.customer_id })
      .from(invoices)
      .where(and(eq(invoices.tenant_id, scope.tenantId), eq(invoices.source, input.invoice.source), eq(invoices.external_id, input.invoice.external_id)));
    if (!target) throw new ApiError('finance.invoice_unknown', { invoice: input.invoice });
    if (target.customer_id !== customerId) throw new ApiError('finance.invoice_customer_mismatch', { invoice: input.invoice, customer_id: customerId });
    invoiceId = target.id;
  }
  await lockKey(scope, `crm.payment.${source}.${externalId}`);
  const [existing] = await scope.tx
    .select()
    .from(payments)
    .where(and(eq(payments.tenant_id, scope.tenantId), eq(payments.source, source), eq(payments.external_id, externalId)));
  const columns = { customer_id: customerId, invoice_id: invoiceId, amount: input.amount, currency: input.currency ?? 'CNY', paid_on: input.paid_on, method: input.method ?? null };
  const invoiceOf = async (id: number | null) => (id === null ? null : toInvoice(await invoiceById(scope, id), today));
  if (existing && sameColumns(existing, columns)) return { outcome: 'unchanged', payment: toPayment(existing), invoice: await invoiceOf(existing.invoice_id) };

  const touched = [...new Set([invoiceId, existing?.invoice_id ?? null].filter((id): id is number => id !== null))].sort((a, b) => a - b);
  // Lock the invoices first: the recomputation that follows then sums every committed payment of them.
  if (touched.length) await scope.tx.select({ id: invoices.id }).from(invoices).where(and(eq(invoices.tenant_id, scope.tenantId), inArray(invoices.id, touched))).orderBy(invoices.id).for('update');
  let row: PaymentRow;
  if (existing) {
    [row] = (await scope.tx.update(payments).set({ ...columns, updated_at: now }).where(and(eq(payments.tenant_id, scope.tenantId), eq(payments.id, existing.id))).returning()) as [PaymentRow];
  } else {
    [row] = (await scope.tx.insert(payments).values({ tenant_id: scope.tenantId, source, external_id: externalId, ...columns }).returning()) as [PaymentRow];
  }
  await recomputeInvoices(scope, touched, now);
  const payment = toPayment(row);
  await audit(scope, { action: `payment.${existing ? 'updated' : 'created'}`, entity_type: 'payment', entity_id: row.id, before: existing ? toPayment(existing) : undefined, after: payment });
  await emitEvent(scope, {
    type: 'payment.received',
    entity_type: 'payment',
    entity_id: row.id,
    payload: { customer_id: customerId, invoice_id: invoiceId, previous_invoice_id: existing?.invoice_id ?? null, amount: payment.amount, paid_on: payment.paid_on, source, external_id: externalId },
  });
  return { outcome: existing ? 'updated' : 'created', payment, invoice: await invoiceOf(invoiceId) };
}
