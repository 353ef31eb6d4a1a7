import { ok } from '../../../platform/http/envelope.ts';
import { scopeOf } from '../../../platform/request-context.ts';
import { createRouter } from '../../../platform/router.ts';
import { listInvoicesRoute, listPaymentsRoute, upsertInvoiceRoute, upsertPaymentRoute } from './finance.contract.ts';
import { listInvoices, listPayments } from './finance-reads.service.ts';
import { upsertInvoice, upsertPayment } from './finance.service.ts';

const SAVED = { zh: '已保存', en: 'Saved' };
const UNCHANGED = { zh: '无变化', en: 'Unchanged' };

/** REQ-018: invoices and payments pushed by the finance module, and a customer's view of them. */
export const financeRoutes = createRouter()
  .openapi(upsertInvoiceRoute, async function upsertInvoiceHandler(c) {
    const { source, external_id } = c.req.valid('param');
    const result = await upsertInvoice(scopeOf(c), source, external_id, c.req.valid('json'), new Date());
    return ok(c, result, result.outcome === 'unchanged' ? UNCHANGED : SAVED, 200);
  })
  .openapi(upsertPaymentRoute, async function upsertPaymentHandler(c) {
    const { source, external_id } = c.req.valid('param');
    const result = await upsertPayment(scopeOf(c), source, external_id, c.req.valid('json'), new Date());
    return ok(c, result, result.outcome === 'unchanged' ? UNCHANGED : SAVED, 200);
  })
  .openapi(listInvoicesRoute, async function listInvoicesHandler(c) {
    return ok(c, await listInvoices(scopeOf(c), c.req.valid('param').id, c.req.valid('query'), new Date()), undefined, 200);
  })
  .openapi(listPaymentsRoute, async function listPaymentsHandler(c) {
    return ok(c, await listPayments(scopeOf(c), c.req.valid('param').id, c.req.valid('query')), undefined, 200);
  });
