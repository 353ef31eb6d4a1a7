import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createCustomer, useTestTenant } from '../../../test-support/index.ts';
import { customerContacts } from '../../customers/contacts/contacts.schema.ts';
import { customers } from '../../customers/customers/customers.schema.ts';
import { leads, opportunities } from './sales-pipeline.schema.ts';

const t = useTestTenant(['sales', 'analyst']);

const newLead = (body: Record<string, unknown>, query = '') => t.request('POST', `/api/v1/leads${query}`, { as: 'sales', body: { source: 'website', ...body } });

describe('leads: capture, duplicates and masking', () => {
  it('finds an existing customer contact with the same mobile, creates the lead anyway, and refuses it when asked', async () => {
    const { customer_id: customerId, contacts } = await createCustomer(t, { customer_name: '远航物流有限公司', contacts: [{ contact_name: '赵敏', mobile: '13911112222' }] }, { as: 'sales' });

    const created = await newLead({ company_name: '远航物流', contact_name: '赵敏', mobile: '139 1111 2222', qualification: { budget: 'approved', authority: 'decision_maker', need: 'urgent', timeline: 'within_3_months' } });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ status: 'new', score: 100, mobile: '139 1111 2222' });
    expect(created.body.data.duplicates).toEqual(
      expect.arrayContaining([
        { kind: 'contact', id: contacts[0]!.id, name: '赵敏', match: 'mobile', customer_id: customerId },
        { kind: 'customer', id: customerId, name: '远航物流有限公司', match: 'company_name', customer_id: customerId },
      ]),
    );

    const refused = await newLead({ company_name: '另一家', mobile: '13911112222' }, '?reject_duplicates=true');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('lead.duplicate');
    expect(refused.body.details.duplicates.map((d: { kind: string }) => d.kind).sort()).toEqual(['contact', 'lead']);
    const stored = await t.ctx.handle.db.select().from(leads).where(and(eq(leads.tenant_id, t.tenant.id), eq(leads.company_name, '另一家')));
    expect(stored).toHaveLength(0);

    const check = await t.get('/api/v1/leads/duplicates?email=nobody@example.cn', { as: 'sales' });
    expect(check.status).toBe(200);
    expect(check.body.data.items).toEqual([]);
  });

  it('masks contact fields for an analyst, who may read but not write leads', async () => {
    const created = await newLead({ company_name: '蓝鲸数据', contact_name: '钱伟', mobile: '13822223333', email: 'qian@lanjing.cn' });
    const seen = await t.get(`/api/v1/leads/${created.body.data.id}`, { as: 'analyst' });
    expect(seen.status).toBe(200);
    expect(seen.body.data).toMatchObject({ mobile: '138****3333', email: 'q***@lanjing.cn', score: 20 });
    const list = await t.get('/api/v1/leads?q=蓝鲸', { as: 'analyst' });
    expect(list.body.data.items.map((l) => l.mobile)).toEqual(['138****3333']);
    expect((await t.post('/api/v1/leads', { as: 'analyst', body: { company_name: 'x', source: 'web' } })).status).toBe(403);
    const [row] = await t.ctx.handle.db.select().from(leads).where(and(eq(leads.tenant_id, t.tenant.id), eq(leads.id, created.body.data.id)));
    expect(row!.mobile_enc).not.toContain('13822223333');
  });

  it('pages, filters mine / status, and walks status transitions with If-Match', async () => {
    const other = await t.tenant.token('sales', { username: 'other-sales' });
    await t.post('/api/v1/leads', { token: other, body: { company_name: '别人的线索', source: 'event' } });
    const mine = await t.get('/api/v1/leads?mine=true&limit=1', { as: 'sales' });
    expect(mine.body.data.items).toHaveLength(1);
    expect(mine.body.data.next_cursor).not.toBeNull();
    const next = await t.get(`/api/v1/leads?mine=true&limit=50&cursor=${mine.body.data.next_cursor}`, { as: 'sales' });
    expect(next.body.data.items.every((l: { company_name: string }) => l.company_name !== '别人的线索')).toBe(true);
    expect(next.body.data.items.length).toBeGreaterThan(0);
    expect((await t.get('/api/v1/leads?source=event', { as: 'sales' })).body.data.items.map((l: { company_name: string }) => l.company_name)).toEqual(['别人的线索']);

    const lead = (await newLead({ company_name: '青松制造' })).body.data;
    const patch = (version: number, body: object) => t.patch(`/api/v1/leads/${lead.id}`, { as: 'sales', body, headers: { 'If-Match': `"lead-${lead.id}-v${version}"` } });
    const qualified = await patch(1, { status: 'qualified', qualification: { budget: 'limited', authority: 'influencer', need: 'identified', timeline: 'within_12_months' } });
    expect(qualified.status).toBe(200);
    expect(qualified.body.data).toMatchObject({ status: 'qualified', score: 58, version: 2 });
    expect((await patch(1, { notes: 'stale' })).status).toBe(412);
    const back = await patch(2, { status: 'new' });
    expect(back.status).toBe(409);
    expect(back.body.error).toBe('lead.invalid_transition');
    expect((await patch(2, { status: 'converted' })).body.error).toBe('lead.invalid_transition');
    expect((await t.get('/api/v1/leads?status=qualified', { as: 'sales' })).body.data.items.map((l: { id: number }) => l.id)).toContain(lead.id);
  });
});

describe('POST /api/v1/leads/{id}/convert', () => {
  it('creates a potential customer with the contact and an opportunity at the first stage, once', async () => {
    const lead = (await newLead({ company_name: '白鹭航空服务有限公司', contact_name: '孙丽', title: 'CIO', mobile: '13633334444', email: 'sun@bailu.cn', industry: '航空' })).body.data;
    const body = { opportunity: { name: '白鹭 运维外包', amount: '300000', expected_close_date: '2027-03-31' } };
    const first = await t.post(`/api/v1/leads/${lead.id}/convert`, { as: 'sales', body });
    expect(first.status).toBe(201);
    const { customer_id: customerId, opportunity, contact_id: contactId } = first.body.data;
    expect(first.body.data.lead).toMatchObject({ status: 'converted', converted_customer_id: customerId, converted_opportunity_id: opportunity.id });
    expect(opportunity).toMatchObject({ customer_id: customerId, lead_id: lead.id, stage_name: '线索确认', probability: 10, amount: '300000.00', status: 'open', expected_close_date: '2027-03-31' });

    const customer = await t.get(`/api/v1/customers/${customerId}`, { as: 'sales' });
    expect(customer.body.data).toMatchObject({ customer_name: '白鹭航空服务有限公司', status: 1, industry: '航空', source: 'website' });
    expect(customer.body.data.contacts).toEqual([expect.objectContaining({ id: contactId, contact_name: '孙丽', position: 'CIO', mobile: '13633334444', email: 'sun@bailu.cn', is_primary: 1 })]);

    const again = await t.post(`/api/v1/leads/${lead.id}/convert`, { as: 'sales', body });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('lead.already_converted');
    const made = await t.ctx.handle.db.select().from(customers).where(and(eq(customers.tenant_id, t.tenant.id), eq(customers.customer_name, '白鹭航空服务有限公司')));
    expect(made).toHaveLength(1);
    expect(await t.ctx.handle.db.select().from(opportunities).where(and(eq(opportunities.tenant_id, t.tenant.id), eq(opportunities.lead_id, lead.id)))).toHaveLength(1);
    const edit = await t.patch(`/api/v1/leads/${lead.id}`, { as: 'sales', body: { notes: 'x' }, headers: { 'If-Match': '*' } });
    expect(edit.body.error).toBe('lead.already_converted');
  });

  it('links an existing customer, adds the contact only when it is new, and replays an Idempotency-Key', async () => {
    const existing = await createCustomer(t, { customer_name: '金桥科技有限公司', contacts: [{ contact_name: '周强', mobile: '13544445555' }] }, { as: 'sales' });
    const customerId = existing.customer_id;
    const lead = (await newLead({ company_name: '金桥科技', contact_name: '周强', mobile: '13544445555' })).body.data;
    const send = () => t.post(`/api/v1/leads/${lead.id}/convert`, { as: 'sales', body: { customer_id: customerId, opportunity: { name: '金桥 扩容', amount: 50000 } }, headers: { 'Idempotency-Key': `convert-${lead.id}` } });
    const first = await send();
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({ customer_id: customerId, customer_created: false, contact_id: existing.contacts[0]!.id });
    const retry = await send();
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.data.opportunity.id).toBe(first.body.data.opportunity.id);
    expect(await t.ctx.handle.db.select().from(customerContacts).where(and(eq(customerContacts.tenant_id, t.tenant.id), eq(customerContacts.customer_id, customerId)))).toHaveLength(1);
  });

  it('answers 404 for another tenant\'s lead', async () => {
    const stranger = await (await t.ctx.createTenant()).token('sales');
    const lead = (await newLead({ company_name: '秘密线索' })).body.data;
    const res = await t.post(`/api/v1/leads/${lead.id}/convert`, { token: stranger, body: { opportunity: { name: 'x' } } });
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('lead.not_found');
  });
});
