import { sql } from 'drizzle-orm';
import { bigint, check, date, foreignKey, index, numeric, pgTable, primaryKey, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { identityId, tenantId, timestamps } from '../../../db/columns.ts';
import { customers } from '../../customers/customers/customers.schema.ts';

export const INVOICE_STATUSES = ['open', 'partially_paid', 'paid', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/**
 * Invoices of the finance module (REQ-018), idempotent by the finance system's id. Overdue is derived
 * (open or partially paid past `due_on`), never stored, so it is right on any day.
 */
export const invoices = pgTable(
  'invoices',
  {
    tenant_id: tenantId(),
    id: identityId(),
    customer_id: bigint('customer_id', { mode: 'number' }).notNull(),
    source: varchar('source', { length: 32 }).notNull(),
    external_id: varchar('external_id', { length: 100 }).notNull(),
    invoice_no: varchar('invoice_no', { length: 64 }),
    contract_id: bigint('contract_id', { mode: 'number' }),
    amount: numeric('amount', { precision: 14, scale: 2 }).notNull(),
    currency: varchar('currency', { length: 3 }).notNull().default('CNY'),
    issued_on: date('issued_on', { mode: 'string' }).notNull(),
    due_on: date('due_on', { mode: 'string' }).notNull(),
    paid_amount: numeric('paid_amount', { precision: 14, scale: 2 }).notNull().default('0'),
    paid_on: date('paid_on', { mode: 'string' }),
    status: varchar('status', { length: 16 }).$type<InvoiceStatus>().notNull(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    uniqueIndex('invoices_source_key').on(t.tenant_id, t.source, t.external_id),
    index('invoices_customer_issued_idx').on(t.tenant_id, t.customer_id, t.issued_on),
    check('invoices_status_check', sql`${t.status} in ('open', 'partially_paid', 'paid', 'void')`),
    check('invoices_amount_check', sql`${t.amount} >= 0 and ${t.paid_amount} >= 0`),
    check('invoices_due_order_check', sql`${t.due_on} >= ${t.issued_on}`),
    foreignKey({ name: 'invoices_customer_fk', columns: [t.tenant_id, t.customer_id], foreignColumns: [customers.tenant_id, customers.id] }).onDelete('cascade'),
  ],
);

/** Payments received, idempotent by the finance system's id; linked to an invoice when the finance system says which. */
export const payments = pgTable(
  'payments',
  {
    tenant_id: tenantId(),
    id: identityId(),
    customer_id: bigint('customer_id', { mode: 'number' }).notNull(),
    invoice_id: bigint('invoice_id', { mode: 'number' }),
    source: varchar('source', { length: 32 }).notNull(),
    external_id: varchar('external_id', { length: 100 }).notNull(),
    amount: numeric('amount', { precision: 14, scale: 2 }).notNull(),
    currency: varchar('currency', { length: 3 }).notNull().default('CNY'),
    paid_on: date('paid_on', { mode: 'string' }).notNull(),
    method: varchar('method', { length: 32 }),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.id] }),
    uniqueIndex('payments_source_key').on(t.tenant_id, t.source, t.external_id),
    index('payments_customer_paid_idx').on(t.tenant_id, t.customer_id, t.paid_on),
    index('payments_invoice_idx').on(t.tenant_id, t.invoice_id),
    check('payments_amount_check', sql`${t.amount} > 0`),
    foreignKey({ name: 'payments_customer_fk', columns: [t.tenant_id, t.customer_id], foreignColumns: [customers.tenant_id, customers.id] }).onDelete('cascade'),
  ],
);

export type InvoiceRow = typeof invoices.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
