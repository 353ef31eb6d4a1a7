import { describe, expect, it } from 'vitest';
import { addDays, businessDate } from '../../../platform/time/calendar-date.ts';
import { useTestTenant } from '../../../test-support/index.ts';
import { activeContract, approvedContractOf } from '../sla-bindings/sla-test-helpers.ts';
import { fire, userIdOfToken } from './contracts-test-helpers.ts';

const t = useTestTenant(['admin']);

const today = businessDate(new Date());
const renew = (id: number, body?: object) => t.post(`/api/v1/contracts/${id}/renewal`, { as: 'admin', body });

describe('POST /api/v1/contracts/{id}/renewal', () => {
  it('drafts the successor pre-filled and linked; approving it renews the predecessor and binds the successor', async () => {
    const { customerId, contactId, contractId } = await activeContract(t.ctx, t.as.admin, '续约草稿测试有限公司', {
      start_date: '2026-01-01',
      end_date: '2026-12-31',
      sla_tier_code: 'elite',
      covered_services: [{ service_code: 'monitoring_7x24', quantity: 1 }],
    });
    const res = await renew(contractId, { amount: '150000.00', signing_date: today, customer_signatory_id: contactId, staff_signatory_id: userIdOfToken(t.as.admin) });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      state: 'draft',
      kind: 'renewal',
      predecessor_id: contractId,
      start_date: '2027-01-01',
      end_date: '2027-12-31',
      amount: '150000.00',
      sla_tier_code: 'elite',
      covered_services: [{ service_code: 'monitoring_7x24', quantity: 1 }],
      customer_signatory_id: contactId,
    });
    const again = await renew(contractId);
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('contract.renewal_exists');
    expect(again.body.details.successor_id).toBe(res.body.data.id);

    const successorId = res.body.data.id;
    await fire(t.ctx, t.as.admin, successorId, { event: 'submit' });
    const approved = await fire(t.ctx, t.as.admin, successorId, { event: 'approve' });
    expect(approved.status).toBe(200);
    const predecessor = await t.get(`/api/v1/contracts/${contractId}`, { as: 'admin' });
    expect(predecessor.body.data.state).toBe('renewed');
    expect(predecessor.body.data.transitions.at(-1)).toMatchObject({ event: 'renew', successor_id: successorId });
    const sla = await t.get(`/api/v1/contracts/${successorId}/sla`, { as: 'admin' });
    expect(sla.body.data.bindings).toEqual([expect.objectContaining({ trigger: 'renewal', tier_code: 'elite', effective_from: '2027-01-01 00:00:00' })]);
    const customer = await t.get(`/api/v1/customers/${customerId}`, { as: 'admin' });
    expect(customer.body.data.status).toBe(2);
  });

  it('refuses a contract not running, an end before the renewal start, and another tenant, creating nothing', async () => {
    const { customerId, contactId } = await activeContract(t.ctx, t.as.admin, '续约坏输入测试有限公司', { start_date: '2026-01-01', end_date: '2026-12-31' });
    const draft = await t.post(`/api/v1/customers/${customerId}/contracts`, { as: 'admin', body: { title: '草稿', start_date: '2026-01-01', end_date: '2026-12-31', customer_signatory_id: contactId } });
    const notRunning = await renew(draft.body.data.id);
    expect(notRunning.status).toBe(409);
    expect(notRunning.body.error).toBe('contract.illegal_transition');
    const running = (await t.get(`/api/v1/customers/${customerId}/contracts`, { as: 'admin' })).body.data.items.find((c: { state: string }) => c.state === 'active');
    const backwards = await renew(running!.id, { end_date: '2026-06-30' });
    expect(backwards.status).toBe(400);
    const unknownField = await renew(running!.id, { start_date: '2027-01-01' });
    expect(unknownField.status).toBe(400);
    const other = await (await t.ctx.createTenant()).token('admin');
    expect((await t.post(`/api/v1/contracts/${running!.id}/renewal`, { token: other })).status).toBe(404);
    const list = await t.get(`/api/v1/customers/${customerId}/contracts`, { as: 'admin' });
    expect(list.body.data.items).toHaveLength(2);
  });
});

describe('GET /api/v1/contracts/renewals', () => {
  it('lists running contracts due within 30/60/90 days with value, soonest first, and sums the windows', async () => {
    const view = await (await t.ctx.createTenant()).token('admin');
    const { customerId, contactId } = await activeContract(t.ctx, view, '续约视图甲有限公司', { start_date: addDays(today, -300), end_date: addDays(today, 20), amount: '120000.00' });
    await approvedContractOf(t.ctx, view, customerId, contactId, { start_date: addDays(today, -300), end_date: addDays(today, 50), amount: '10000.00', billing_cycle: 'monthly' });
    const late = await approvedContractOf(t.ctx, view, customerId, contactId, { start_date: addDays(today, -300), end_date: addDays(today, 80), amount: '60000.00' });
    await approvedContractOf(t.ctx, view, customerId, contactId, { start_date: addDays(today, -300), end_date: addDays(today, 120), amount: '1.00' });
    await t.post(`/api/v1/contracts/${late}/renewal`, { token: view });

    const res = await t.get('/api/v1/contracts/renewals', { token: view });
    expect(res.status).toBe(200);
    expect(res.body.data.items.map((i: { days_to_end: number; bucket: number; annual_value: string }) => [i.days_to_end, i.bucket, i.annual_value])).toEqual([
      [20, 30, '120000.00'],
      [50, 60, '120000.00'],
      [80, 90, '60000.00'],
    ]);
    expect(res.body.data.items[2]!.successor).toMatchObject({ state: 'draft' });
    expect(res.body.data.items[0]!.customer_name).toBe('续约视图甲有限公司');
    expect(res.body.data.buckets).toEqual([
      { within_days: 30, count: 1, annual_value: '120000.00', unrenewed_count: 1 },
      { within_days: 60, count: 2, annual_value: '240000.00', unrenewed_count: 2 },
      { within_days: 90, count: 3, annual_value: '300000.00', unrenewed_count: 2 },
    ]);
    const month = await t.get('/api/v1/contracts/renewals?within=30', { token: view });
    expect(month.body.data.items).toHaveLength(1);
    expect(month.body.data.buckets).toHaveLength(1);
    expect((await t.get('/api/v1/contracts/renewals?within=45', { token: view })).status).toBe(400);
  });
});
