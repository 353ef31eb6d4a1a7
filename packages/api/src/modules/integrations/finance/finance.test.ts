import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw-rows.ts';
import { addDays, businessDate } from '../../../platform/time/calendar-date.ts';
import { useTestTenant } from '../../../test-support/index.ts';
import { customerWithContact } from '../../contracts-sla/contracts/contracts-test-helpers.ts';

const t = useTestTenant(['admin']);
let apiKey: string;
let customerId: number;
let otherCustomerId: number;

const today = businessDate(new Date());

beforeAll(async () => {
  apiKey = await t.tenant.integrationKey('财务系统');
  customerId = (await customerWithContact(t.ctx, t.as.admin, '财务同步测试有限公司')).customerId;
  otherCustomerId = (await customerWithContact(t.ctx, t.as.admin, '财务同步另一有限公司')).customerId;
});

const putInvoice = (externalId: string, body: object) => t.request('PUT', `/api/v1/integrations/invoices/erp/${externalId}`, { body, headers: { 'X-Api-Key': apiKey } });
const putPayment = (externalId: string, body: object) => t.request('PUT', `/api/v1/integrations/payments/erp/${externalId}`, { body, headers: { 'X-Api-Key': apiKey } });
const count = async (table: 'invoices' | 'payments') =>
  rawRows<{ n: number }>(await t.ctx.handle.db.execute(sql`select count(*)::int as n from ${sql.raw(table)} where tenant_id = ${t.tenant.id}`))[0]!.n;
const events = async (type: string) => rawRows<{ n: number }>(await t.ctx.handle.db.execute(sql`select count(*)::int as n from events where tenant_id = ${t.tenant.id} and type = ${type}`))[0]!.n;
const invoiceBody = (fields: object = {}) => ({ customer: { id: customerId }, invoice_no: 'FP-2026-001', amount: '12000.00', issued_on: '2026-01-05', due_on: '2026-02-04', ...fields });

describe('PUT /api/v1/integrations/invoices/{source}/{external_id}', () => {
  it('creates once, answers unchanged for the same push, updates on a change', async () => {
    const first = await putInvoice('INV-1', invoiceBody({ amount: '12000' }));
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ outcome: 'created', invoice: { customer_id: customerId, amount: '12000.00', paid_amount: '0.00', status: 'open', currency: 'CNY', paid_on: null } });
    const again = await putInvoice('INV-1', invoiceBody());
    expect(again.body.data.outcome).toBe('unchanged');
    expect(again.body.data.invoice.id).toBe(first.body.data.invoice.id);
    const changed = await putInvoice('INV-1', invoiceBody({ amount: '12500.50' }));
    expect(changed.body.data).toMatchObject({ outcome: 'updated', invoice: { amount: '12500.50' } });
    expect(await count('invoices')).toBe(1);
    expect(await events('invoice.upserted')).toBe(2);
  });

  it('finds the customer by code', async () => {
    const code = rawRows<{ code: string }>(await t.ctx.handle.db.execute(sql`select customer_code as code from customers where tenant_id = ${t.tenant.id} and id = ${otherCustomerId}`))[0]!.code;
    const res = await putInvoice('INV-CODE', invoiceBody({ customer: { code } }));
    expect(res.status).toBe(200);
    expect(res.body.data.invoice.customer_id).toBe(otherCustomerId);
  });

  it('refuses bad input with a clear code and writes nothing', async () => {
    const before = await count('invoices');
    const cases: [object, number, string][] = [
      [invoiceBody({ customer: { id: 99_999_999 } }), 422, 'integration.customer_unknown'],
      [invoiceBody({ customer: { code: 'NO-SUCH' } }), 422, 'integration.customer_unknown'],
      [invoiceBody({ customer: { id: customerId, code: 'X' } }), 400, 'request.invalid'],
      [invoiceBody({ due_on: '2026-01-04' }), 422, 'finance.due_before_issue'],
      [invoiceBody({ issued_on: '2026-02-30' }), 400, 'request.invalid'],
      [invoiceBody({ amount: '-1.00' }), 400, 'request.invalid'],
      [invoiceBody({ amount: '12.345' }), 400, 'request.invalid'],
      [invoiceBody({ amount: '1234567890123.00' }), 400, 'request.invalid'],
      [invoiceBody({ amount: 100 }), 400, 'request.invalid'],
      [invoiceBody({ status: 'paid' }), 400, 'request.invalid'],
    ];
    for (const [body, status, code] of cases) {
      const res = await putInvoice('INV-BAD', body);
      expect([res.status, res.body.error]).toEqual([status, code]);
    }
    expect(await count('invoices')).toBe(before);
  });

  it('needs an API key with integration:write', async () => {
    const res = await t.put('/api/v1/integrations/invoices/erp/INV-X', { token: await t.tenant.token('csm'), body: invoiceBody() });
    expect(res.status).toBe(403);
  });
});

describe('PUT /api/v1/integrations/payments/{source}/{external_id}', () => {
  it('derives partially paid, then paid, from the payments of an invoice; idempotent', async () => {
    await putInvoice('INV-PAY', invoiceBody({ amount: '10000.00', issued_on: '2026-03-01', due_on: '2026-03-31' }));
    const part = await putPayment('PAY-1', { customer: { id: customerId }, invoice: { source: 'erp', external_id: 'INV-PAY' }, amount: '4000.00', paid_on: '2026-03-10', method: 'bank_transfer' });
    expect(part.status).toBe(200);
    expect(part.body.data).toMatchObject({ outcome: 'created', payment: { amount: '4000.00', paid_on: '2026-03-10' }, invoice: { status: 'partially_paid', paid_amount: '4000.00', paid_on: null } });
    const again = await putPayment('PAY-1', { customer: { id: customerId }, invoice: { source: 'erp', external_id: 'INV-PAY' }, amount: '4000.00', paid_on: '2026-03-10', method: 'bank_transfer' });
    expect(again.body.data.outcome).toBe('unchanged');
    const rest = await putPayment('PAY-2', { customer: { id: customerId }, invoice: { source: 'erp', external_id: 'INV-PAY' }, amount: '6000', paid_on: '2026-04-02' });
    expect(rest.body.data.invoice).toMatchObject({ status: 'paid', paid_amount: '10000.00', paid_on: '2026-04-02', overdue: false });
    // The invoice pushed again, unchanged or changed, keeps what its payments say.
    const repushed = await putInvoice('INV-PAY', invoiceBody({ amount: '10000.00', issued_on: '2026-03-01', due_on: '2026-03-31', invoice_no: 'FP-2026-009' }));
    expect(repushed.body.data).toMatchObject({ outcome: 'updated', invoice: { invoice_no: 'FP-2026-009', status: 'paid', paid_amount: '10000.00' } });
    // A payment corrected downwards makes the invoice partially paid again.
    const corrected = await putPayment('PAY-2', { customer: { id: customerId }, invoice: { source: 'erp', external_id: 'INV-PAY' }, amount: '5000.00', paid_on: '2026-04-02' });
    expect(corrected.body.data).toMatchObject({ outcome: 'updated', invoice: { status: 'partially_paid', paid_amount: '9000.00' } });
    expect(await events('payment.received')).toBe(3);
    const listed = await t.get(`/api/v1/customers/${customerId}/payments?limit=1`, { as: 'admin' });
    expect(listed.body.data.items).toHaveLength(1);
    expect(listed.body.data.items[0]).toMatchObject({ external_id: 'PAY-2', amount: '5000.00' });
    const next = await t.get(`/api/v1/customers/${customerId}/payments?limit=1&cursor=${listed.body.data.next_cursor}`, { as: 'admin' });
    expect(next.body.data.items[0]!.external_id).toBe('PAY-1');
    expect(next.body.data.next_cursor).toBeNull();
  });

  it('a void invoice stays void', async () => {
    await putInvoice('INV-VOID', invoiceBody({ status: 'void' }));
    const res = await putPayment('PAY-VOID', { customer: { id: customerId }, invoice: { source: 'erp', external_id: 'INV-VOID' }, amount: '100.00', paid_on: '2026-01-10' });
    expect(res.body.data.invoice).toMatchObject({ status: 'void', paid_amount: '100.00', overdue: false });
  });

  it('refuses an unknown invoice, another customer\'s invoice, a zero or negative amount, and writes nothing', async () => {
    await putInvoice('INV-OTHER', invoiceBody({ customer: { id: otherCustomerId } }));
    const before = await count('payments');
    const cases: [object, number, string][] = [
      [{ customer: { id: customerId }, invoice: { source: 'erp', external_id: 'NOPE' }, amount: '1.00', paid_on: '2026-01-10' }, 422, 'finance.invoice_unknown'],
      [{ customer: { id: customerId }, invoice: { source: 'erp', external_id: 'INV-OTHER' }, amount: '1.00', paid_on: '2026-01-10' }, 422, 'finance.invoice_customer_mismatch'],
      [{ customer: { id: 99_999_999 }, amount: '1.00', paid_on: '2026-01-10' }, 422, 'integration.customer_unknown'],
      [{ customer: { id: customerId }, amount: '0.00', paid_on: '2026-01-10' }, 400, 'request.invalid'],
      [{ customer: { id: customerId }, amount: '-5', paid_on: '2026-01-10' }, 400, 'request.invalid'],
      [{ customer: { id: customerId }, amount: '1.001', paid_on: '2026-01-10' }, 400, 'request.invalid'],
      [{ customer: { id: customerId }, amount: '1.00', paid_on: '2026/01/10' }, 400, 'request.invalid'],
    ];
    for (const [body, status, code] of cases) {
      const res = await putPayment('PAY-BAD', body);
      expect([res.status, res.body.error]).toEqual([status, code]);
    }
    expect(await count('payments')).toBe(before);
  });
});

describe('GET /api/v1/customers/{id}/invoices', () => {
  it('computes overdue days against today and filters overdue ones', async () => {
    const { customerId: id } = await customerWithContact(t.ctx, t.as.admin, '逾期测试有限公司');
    const put = (ext: string, issued: string, due: string) => putInvoice(ext, { customer: { id }, amount: '800.00', issued_on: issued, due_on: due });
    await put('OD-1', addDays(today, -40), addDays(today, -10));
    await put('OD-2', addDays(today, -5), today);
    await put('OD-3', addDays(today, -60), addDays(today, -30));
    await putPayment('OD-PAY', { customer: { id }, invoice: { source: 'erp', external_id: 'OD-3' }, amount: '800.00', paid_on: addDays(today, -31) });
    const all = await t.get(`/api/v1/customers/${id}/invoices`, { as: 'admin' });
    expect(all.status).toBe(200);
    expect(all.body.data.items.map((i: { external_id: string; overdue: boolean; days_overdue: number }) => [i.external_id, i.overdue, i.days_overdue])).toEqual([
      ['OD-2', false, 0],
      ['OD-1', true, 10],
      ['OD-3', false, 0],
    ]);
    const overdue = await t.get(`/api/v1/customers/${id}/invoices?overdue=true`, { as: 'admin' });
    expect(overdue.body.data.items.map((i: { external_id: string }) => i.external_id)).toEqual(['OD-1']);
    const paid = await t.get(`/api/v1/customers/${id}/invoices?status=paid`, { as: 'admin' });
    expect(paid.body.data.items.map((i: { external_id: string }) => i.external_id)).toEqual(['OD-3']);
    const page = await t.get(`/api/v1/customers/${id}/invoices?limit=2`, { as: 'admin' });
    const rest = await t.get(`/api/v1/customers/${id}/invoices?limit=2&cursor=${page.body.data.next_cursor}`, { as: 'admin' });
    expect(rest.body.data.items.map((i: { external_id: string }) => i.external_id)).toEqual(['OD-3']);
  });

  it('portal users get 403, another tenant 404, a bad cursor 400', async () => {
    const portal = await t.tenant.token('customer', { customer_id: customerId, username: 'finance-portal' });
    expect((await t.get(`/api/v1/customers/${customerId}/invoices`, { token: portal })).status).toBe(403);
    expect((await t.get(`/api/v1/customers/${customerId}/payments`, { token: portal })).status).toBe(403);
    const stranger = await (await t.ctx.createTenant()).token('admin');
    const foreign = await t.get(`/api/v1/customers/${customerId}/invoices`, { token: stranger });
    expect([foreign.status, foreign.body.error]).toEqual([404, 'customer.not_found']);
    expect((await t.get(`/api/v1/customers/${customerId}/payments`, { token: stranger })).status).toBe(404);
    expect((await t.get(`/api/v1/customers/${customerId}/invoices?cursor=zzz`, { as: 'admin' })).status).toBe(400);
  });
});

describe('a push in a tenant with many invoices and payments', () => {
  it('answers at once, also before the database has statistics of the new rows', async () => {
    // Written straight into the tables, as a seed or an import would, so no ANALYZE has seen them yet.
    const busy = await t.ctx.createTenant();
    const busyAdmin = await busy.token('admin');
    const busyCustomer = (await customerWithContact(t.ctx, busyAdmin, '发票很多的有限公司')).customerId;
    await t.ctx.handle.db.execute(sql`
      insert into invoices (tenant_id, customer_id, source, external_id, amount, issued_on, due_on, status)
      select ${busy.id}, ${busyCustomer}, 'erp', 'BULK-' || n, 1000, '2026-01-01', '2026-02-01', 'open' from generate_series(1, 800) n`);
    await t.ctx.handle.db.execute(sql`
      insert into payments (tenant_id, customer_id, invoice_id, source, external_id, amount, paid_on)
      select tenant_id, customer_id, id, 'erp', 'BULK-PAY-' || id, 100, '2026-01-15' from invoices where tenant_id = ${busy.id}`);
    const started = Date.now();
    const res = await t.put('/api/v1/integrations/invoices/erp/BULK-7', {
      body: { customer: { id: busyCustomer }, amount: '900.00', issued_on: '2026-01-01', due_on: '2026-02-01' },
      headers: { 'X-Api-Key': await busy.integrationKey('财务系统') },
    });
    expect(res.body.data).toMatchObject({ outcome: 'updated', invoice: { paid_amount: '100.00', status: 'partially_paid' } });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
