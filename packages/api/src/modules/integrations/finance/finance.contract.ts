import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, writeErrorResponses } from '../../../platform/http/envelope.ts';
import { pageOf, pageQuery } from '../../../platform/http/pagination.ts';
import { isoDate } from '../../../platform/time/iso-time.ts';
import { SourceParams, UpsertOutcome } from '../../service/service-records/service-records.public.ts';
import { INVOICE_STATUSES } from './finance.schema.ts';
import { Amount, Currency, IntegrationCustomerRef } from './integration-refs.ts';
import { IdParam } from '../../../platform/http/params.ts';
import { permission } from '../../../platform/auth/route-permission.ts';

const sourceCode = z.string().regex(/^[a-z0-9_-]{1,32}$/, 'lower-case letters, digits, - and _');

/** An invoice as the finance module (REQ-018) pushes it; paid amount and paid status come from its payments. */
export const InvoiceUpsert = z
  .strictObject({
    customer: IntegrationCustomerRef,
    invoice_no: z.string().trim().min(1).max(64).nullish(),
    contract_id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullish(),
    amount: Amount,
    currency: Currency.optional(),
    issued_on: isoDate,
    due_on: isoDate,
    status: z.enum(['open', 'void']).optional().openapi({ description: 'What the finance system says; `partially_paid` and `paid` are derived from payments' }),
  })
  .openapi('InvoiceUpsert');
export type InvoiceUpsert = z.infer<typeof InvoiceUpsert>;

export const Invoice = z
  .object({
    id: z.number().int(),
    customer_id: z.number().int(),
    source: z.string(),
    external_id: z.string(),
    invoice_no: z.string().nullable(),
    contract_id: z.number().int().nullable(),
    amount: z.string().openapi({ example: '12000.00' }),
    currency: z.string(),
    issued_on: z.string(),
    due_on: z.string(),
    paid_amount: z.string().openapi({ example: '5000.00' }),
    paid_on: z.string().nullable(),
    status: z.enum(INVOICE_STATUSES),
    overdue: z.boolean().openapi({ description: 'Open or partially paid and past its due date (business date today)' }),
    days_overdue: z.number().int().openapi({ description: 'Days past the due date while overdue; 0 otherwise' }),
  })
  .openapi('Invoice');
export type Invoice = z.infer<typeof Invoice>;

export const PaymentUpsert = z
  .strictObject({
    customer: IntegrationCustomerRef,
    invoice: z.strictObject({ source: sourceCode, external_id: z.string().min(1).max(100) }).nullish().openapi({ description: 'The invoice paid, by the finance system\'s ids' }),
    amount: Amount.refine((value) => Number(value) > 0, { message: 'must be greater than 0' }),
    currency: Currency.optional(),
    paid_on: isoDate,
    method: z.string().trim().min(1).max(32).nullish(),
  })
  .openapi('PaymentUpsert');
export type PaymentUpsert = z.infer<typeof PaymentUpsert>;

export const Payment = z
  .object({
    id: z.number().int(),
    customer_id: z.number().int(),
    invoice_id: z.number().int().nullable(),
    source: z.string(),
    external_id: z.string(),
    amount: z.string(),
    currency: z.string(),
    paid_on: z.string(),
    method: z.string().nullable(),
  })
  .openapi('Payment');
export type Payment = z.infer<typeof Payment>;

export const InvoiceUpsertResult = z.object({ outcome: UpsertOutcome, invoice: Invoice }).openapi('InvoiceUpsertResult');
export const PaymentUpsertResult = z.object({ outcome: UpsertOutcome, payment: Payment, invoice: Invoice.nullable() }).openapi('PaymentUpsertResult');

export const InvoiceListQuery = z.strictObject({
  status: z.enum(INVOICE_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional().openapi({ description: '`true`: only overdue invoices; `false`: only those not overdue' }),
  ...pageQuery,
});
export type InvoiceListQuery = z.infer<typeof InvoiceListQuery>;
export const PaymentListQuery = z.strictObject({ ...pageQuery });

const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });

export const upsertInvoiceRoute = createRoute({
  method: 'put',
  path: '/api/v1/integrations/invoices/{source}/{external_id}',
  operationId: 'upsertInvoice',
  ...permission('integration:write'),
  tags: ['integrations', 'finance'],
  summary: 'Create or update an invoice from the finance module (idempotent)',
  description:
    'REQ-018. Keyed by the source system and its invoice id: the same call twice answers `outcome: unchanged` and writes nothing. The customer is found by id or code (unknown → 422 `integration.customer_unknown`); `due_on` before `issued_on` → 422 `finance.due_before_issue`. Paid amount, paid date and the `partially_paid`/`paid` status are derived from the invoice\'s payments. Announces `invoice.upserted`. Needs `integration:write`.',
  request: { params: SourceParams, body: json(InvoiceUpsert) },
  responses: { 200: jsonResponse(InvoiceUpsertResult, 'InvoiceUpsertResult', 'The stored invoice'), ...writeErrorResponses },
});

export const upsertPaymentRoute = createRoute({
  method: 'put',
  path: '/api/v1/integrations/payments/{source}/{external_id}',
  operationId: 'upsertPayment',
  ...permission('integration:write'),
  tags: ['integrations', 'finance'],
  summary: 'Create or update a payment from the finance module (idempotent)',
  description:
    'REQ-018. Keyed by the source system and its payment id. An invoice named by its source ids must exist (422 `finance.invoice_unknown`) and belong to the same customer (422 `finance.invoice_customer_mismatch`); its paid amount and status are recomputed, as are those of an invoice the payment moved away from. Announces `payment.received`. Needs `integration:write`.',
  request: { params: SourceParams, body: json(PaymentUpsert) },
  responses: { 200: jsonResponse(PaymentUpsertResult, 'PaymentUpsertResult', 'The stored payment and its invoice'), ...writeErrorResponses },
});

export const listInvoicesRoute = createRoute({
  method: 'get',
  path: '/api/v1/customers/{id}/invoices',
  operationId: 'listCustomerInvoices',
  ...permission('customer:read', 'analysis:read'),
  tags: ['finance'],
  summary: 'A customer\'s invoices, newest issue first, with overdue days',
  description: 'Staff with `customer:read` and `analysis:read`. Overdue means open or partially paid past the due date (business date today). Keyset pages.',
  request: { params: IdParam, query: InvoiceListQuery },
  responses: { 200: jsonResponse(pageOf(Invoice, 'Invoice'), 'InvoicePage', 'A page of invoices'), ...errorResponses },
});

export const listPaymentsRoute = createRoute({
  method: 'get',
  path: '/api/v1/customers/{id}/payments',
  operationId: 'listCustomerPayments',
  ...permission('customer:read', 'analysis:read'),
  tags: ['finance'],
  summary: 'A customer\'s payments, newest first',
  description: 'Staff with `customer:read` and `analysis:read`. Keyset pages.',
  request: { params: IdParam, query: PaymentListQuery },
  responses: { 200: jsonResponse(pageOf(Payment, 'Payment'), 'PaymentPage', 'A page of payments'), ...errorResponses },
});
