import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, events } from '../../../platform/platform.schema.ts';
import { useTestTenant } from '../../../test-support/index.ts';
import { contractTransitions } from './contracts.schema.ts';
import { customerWithContact, fire, signedContract } from './contracts-test-helpers.ts';

const t = useTestTenant(['admin']);
let signed: ReturnType<typeof signedContract>;

beforeAll(async () => {
  signed = signedContract(t.as.admin);
});

const createContract = (customerId: number, body: object) => t.request('POST', `/api/v1/customers/${customerId}/contracts`, { as: 'admin', body });
const customerStatus = async (customerId: number) => (await t.get(`/api/v1/customers/${customerId}`, { as: 'admin' })).body.data.status as number;

describe('POST /api/v1/customers/{id}/contracts', () => {
  it('creates a numbered draft with defaults and lists it under the customer', async () => {
    const { customerId, contactId } = await customerWithContact(t.ctx, t.as.admin, '合同创建测试科技有限公司');
    const res = await createContract(customerId, { ...signed, customer_signatory_id: contactId, covered_services: [{ service_code: 'OPS-7x24', quantity: 2 }] });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ state: 'draft', kind: 'new', currency: 'CNY', amount: '120000.00', billing_cycle: 'yearly', customer_id: customerId, version: 1 });
    expect(res.body.data.contract_no).toMatch(/^HT\d{8}\d{4}$/);
    expect(res.headers.get('etag')).toBe(`"contract-${res.body.data.id}-v1"`);

    const list = await t.get(`/api/v1/customers/${customerId}/contracts`, { as: 'admin' });
    expect(list.status).toBe(200);
    expect(list.body.data.items.map((c: { id: number }) => c.id)).toEqual([res.body.data.id]);
  });

  it('numbers concurrent contracts of the day without sharing a number', async () => {
    const { customerId } = await customerWithContact(t.ctx, t.as.admin, '合同编号并发测试有限公司');
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => createContract(customerId, { ...signed, title: `合同${i}` })));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(results.map((r) => r.body.data.contract_no)).size).toBe(5);
  });

  it('refuses an end before the start and a negative amount with 400, writing nothing', async () => {
    const { customerId } = await customerWithContact(t.ctx, t.as.admin, '合同坏输入测试有限公司');
    const backwards = await createContract(customerId, { ...signed, start_date: '2026-06-01', end_date: '2026-05-31' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error).toBe('request.invalid');
    expect(backwards.body.details.issues).toContainEqual(expect.objectContaining({ path: 'end_date' }));
    const negative = await createContract(customerId, { ...signed, amount: -1 });
    expect(negative.status).toBe(400);
    expect(negative.body.details.issues).toContainEqual(expect.objectContaining({ path: 'amount', message: 'amount must not be negative' }));
    const notADate = await createContract(customerId, { ...signed, end_date: '2026-02-30' });
    expect(notADate.status).toBe(400);
    const list = await t.get(`/api/v1/customers/${customerId}/contracts`, { as: 'admin' });
    expect(list.body.data.items).toEqual([]);
  });

  it("refuses a signatory who is another customer's contact", async () => {
    const { customerId } = await customerWithContact(t.ctx, t.as.admin, '合同签约人测试甲有限公司');
    const other = await customerWithContact(t.ctx, t.as.admin, '合同签约人测试乙有限公司');
    const res = await createContract(customerId, { ...signed, customer_signatory_id: other.contactId });
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('contract.reference_invalid');
  });

  it('answers 404 for a customer that does not exist', async () => {
    const res = await createContract(987654321, signed);
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('customer.not_found');
  });
});

describe('POST /api/v1/contracts/{id}/transitions', () => {
  it('submits and approves: the contract is active, history and allowed events follow, the customer becomes formal', async () => {
    const { customerId, contactId } = await customerWithContact(t.ctx, t.as.admin, '合同生效测试科技有限公司');
    expect(await customerStatus(customerId)).toBe(1);
    const created = await createContract(customerId, { ...signed, customer_signatory_id: contactId });
    const id = created.body.data.id as number;

    const draft = await t.get(`/api/v1/contracts/${id}`, { as: 'admin' });
    expect(draft.body.data.allowed_events).toEqual(['submit', 'cancel']);

    const submitted = await fire(t.ctx, t.as.admin, id, { event: 'submit' });
    expect(submitted.status).toBe(200);
    expect(submitted.body.data.state).toBe('pending_approval');
    expect(await customerStatus(customerId)).toBe(1);

    const approved = await fire(t.ctx, t.as.admin, id, { event: 'approve', reason: '法务审核通过' }, { 'If-Match': submitted.headers.get('etag')! });
    expect(approved.status).toBe(200);
    expect(approved.body.data).toMatchObject({ state: 'active', version: 3 });
    expect(approved.headers.get('etag')).toBe(`"contract-${id}-v3"`);
    expect(approved.body.data.transitions.map((t: { event: string; from_state: string; to_state: string }) => [t.event, t.from_state, t.to_state])).toEqual([
      ['submit', 'draft', 'pending_approval'],
      ['approve', 'pending_approval', 'active'],
    ]);
    expect(approved.body.data.transitions[1]).toMatchObject({ reason: '法务审核通过', actor_id: expect.any(String) });
    expect(approved.body.data.allowed_events).toEqual(['renew', 'terminate', 'amend']);
    expect(await customerStatus(customerId)).toBe(2);

    const db = t.ctx.handle.db;
    const emitted = await db.select({ type: events.type }).from(events).where(and(eq(events.tenant_id, t.tenant.id), eq(events.entity_id, String(id))));
    expect(emitted.map((e) => e.type)).toEqual(expect.arrayContaining(['contract.created', 'contract.submit', 'contract.approve']));
    const audited = await db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.tenant_id, t.tenant.id), eq(auditLog.entity_type, 'customer'), eq(auditLog.entity_id, String(customerId))));
    expect(audited.map((a) => a.action)).toContain('customer.status_changed');
  });

  it('terminates with a reason and an effective date; with nothing else in force the customer is lost', async () => {
    const { customerId, contactId } = await customerWithContact(t.ctx, t.as.admin, '合同终止测试科技有限公司');
    const id = (await createContract(customerId, { ...signed, customer_signatory_id: contactId })).body.data.id as number;
    await fire(t.ctx, t.as.admin, id, { event: 'submit' });
    await fire(t.ctx, t.as.admin, id, { event: 'approve' });
    const missing = await fire(t.ctx, t.as.admin, id, { event: 'terminate' });
    expect(missing.status).toBe(422);
    expect(missing.body.error).toBe('contract.guard_failed');
    expect(missing.body.details.failures).toEqual(['reason_required', 'effective_date_missing']);
    expect(missing.body.details.allowed).toEqual(['renew', 'terminate', 'amend']);

    const terminated = await fire(t.ctx, t.as.admin, id, { event: 'terminate', reason: '客户业务调整', effective_date: '2026-06-30' });
    expect(terminated.status).toBe(200);
    expect(terminated.body.data).toMatchObject({ state: 'terminated', terminated_on: '2026-06-30', termination_reason: '客户业务调整', allowed_events: [] });
    expect(await customerStatus(customerId)).toBe(3);
  });

  it('renews into a linked successor and keeps the customer formal', async () => {
    const { customerId, contactId } = await customerWithContact(t.ctx, t.as.admin, '合同续约测试科技有限公司');
    const id = (await createContract(customerId, { ...signed, customer_signatory_id: contactId })).body.data.id as number;
    await fire(t.ctx, t.as.admin, id, { event: 'submit' });
    await fire(t.ctx, t.as.admin, id, { event: 'approve' });
    const unrelated = (await createContract(customerId, { ...signed, title: '无关合同' })).body.data.id as number;
    const refused = await fire(t.ctx, t.as.admin, id, { event: 'renew', successor_id: unrelated });
    expect(refused.status).toBe(422);
    expect(refused.body.details.failures).toEqual(['successor_invalid']);

    const successor = await createContract(customerId, { ...signed, kind: 'renewal', predecessor_id: id, start_date: '2031-01-01', end_date: '2031-12-31' });
    expect(successor.status).toBe(201);
    const renewed = await fire(t.ctx, t.as.admin, id, { event: 'renew', successor_id: successor.body.data.id });
    expect(renewed.status).toBe(200);
    expect(renewed.body.data.state).toBe('renewed');
    expect(renewed.body.data.transitions.at(-1)).toMatchObject({ event: 'renew', successor_id: successor.body.data.id });
    expect(await customerStatus(customerId)).toBe(2);
  });

  it('answers an illegal event with 409 and the allowed ones, a failed guard with 422, and changes nothing', async () => {
    const { customerId } = await customerWithContact(t.ctx, t.as.admin, '合同非法流转测试有限公司');
    const id = (await createContract(customerId, { ...signed })).body.data.id as number;
    const illegal = await fire(t.ctx, t.as.admin, id, { event: 'approve' });
    expect(illegal.status).toBe(409);
    expect(illegal.body.error).toBe('contract.illegal_transition');
    expect(illegal.body.details.allowed).toEqual(['submit', 'cancel']);

    await fire(t.ctx, t.as.admin, id, { event: 'submit' });
    const unsigned = await fire(t.ctx, t.as.admin, id, { event: 'approve' });
    expect(unsigned.status).toBe(422);
    expect(unsigned.body.details.failures).toEqual(['signatories_missing']);
    const noReason = await fire(t.ctx, t.as.admin, id, { event: 'reject', reason: '  ' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.details.failures).toEqual(['reason_required']);
    const amendDraft = await fire(t.ctx, t.as.admin, id, { event: 'amend', effective_date: '2026-01-01', terms: { amount: '1.00' } });
    expect(amendDraft.status).toBe(409);
    expect(amendDraft.body.error).toBe('contract.illegal_transition');
    const unknown = await fire(t.ctx, t.as.admin, id, { event: 'extend' });
    expect(unknown.status).toBe(400);

    const detail = await t.get(`/api/v1/contracts/${id}`, { as: 'admin' });
    expect(detail.body.data).toMatchObject({ state: 'pending_approval', version: 2 });
    expect(detail.body.data.transitions).toHaveLength(1);
    expect(await customerStatus(customerId)).toBe(1);
  });

  it('refuses a stale If-Match with 412', async () => {
    const { customerId } = await customerWithContact(t.ctx, t.as.admin, '合同乐观锁测试有限公司');
    const created = await createContract(customerId, signed);
    const id = created.body.data.id as number;
    await fire(t.ctx, t.as.admin, id, { event: 'submit' });
    const stale = await fire(t.ctx, t.as.admin, id, { event: 'cancel' }, { 'If-Match': created.headers.get('etag')! });
    expect(stale.status).toBe(412);
  });

  it('lets exactly one of two concurrent transitions win', async () => {
    const { customerId } = await customerWithContact(t.ctx, t.as.admin, '合同并发流转测试有限公司');
    const id = (await createContract(customerId, signed)).body.data.id as number;
    // Whether they interleave (Postgres: the compare-and-set refuses the loser) or queue (PGlite: the
    // second sees the new state), the loser gets 409 and only one transition is stored.
    const results = await Promise.all([fire(t.ctx, t.as.admin, id, { event: 'submit' }), fire(t.ctx, t.as.admin, id, { event: 'submit' })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(['contract.illegal_transition', 'contract.transition_conflict']).toContain(results.find((r) => r.status === 409)!.body.error);
    const rows = await t.ctx.handle.db.select().from(contractTransitions).where(and(eq(contractTransitions.tenant_id, t.tenant.id), eq(contractTransitions.contract_id, id)));
    expect(rows).toHaveLength(1);
    const detail = await t.get(`/api/v1/contracts/${id}`, { as: 'admin' });
    expect(detail.body.data.state).toBe(rows[0]!.to_state);
  });
});
