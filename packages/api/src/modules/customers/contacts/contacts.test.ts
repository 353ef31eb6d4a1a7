import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, events } from '../../../platform/platform.schema.ts';
import { newCustomer, useTestTenant } from '../../../test-support/index.ts';

const t = useTestTenant(['manager']);
/** Everything but a primary contact: adding one is what makes these customers complete. */
const profile = () => ({ industry: '制造业', address: '上海市浦东新区', assigned_manager_id: t.userIds.manager });


const contactsOf = async (customerId: number) => (await t.get(`/api/v1/customers/${customerId}/contacts`, { as: 'manager' })).body.data.items;
const completenessOf = async (customerId: number) => (await t.get(`/api/v1/customers/${customerId}`, { as: 'manager' })).body.data.completeness;

describe('POST /api/v1/customers/{id}/contacts', () => {
  it('adds a contact with an ETag, lists it, and the customer becomes complete', async () => {
    const id = await newCustomer(t, profile());
    expect((await completenessOf(id)).missing).toContain('primary_contact');

    const res = await t.post(`/api/v1/customers/${id}/contacts`, {
      token: t.as.manager,
      body: { contact_name: '李娜', position: 'CIO', mobile: '13912345678', email: 'Li.Na@example.cn', is_primary: 1, is_decision_maker: 1 },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 201, message: '联系人已添加' });
    expect(res.body.data).toMatchObject({ customer_id: id, contact_name: '李娜', mobile: '13912345678', email: 'Li.Na@example.cn', is_primary: 1, is_decision_maker: 1, version: 1 });
    expect(res.headers.get('etag')).toBe(`"contact-${res.body.data.id}-v1"`);

    expect(await contactsOf(id)).toEqual([res.body.data]);
    const completeness = await completenessOf(id);
    expect(completeness.missing).not.toContain('primary_contact');
    expect(completeness.missing).not.toContain('decision_maker_reachable');
    expect(completeness.complete).toBe(true);
  });

  it('records who added the contact in the audit log and the outbox, without plaintext contact details', async () => {
    const id = await newCustomer(t, profile());
    const res = await t.post(`/api/v1/customers/${id}/contacts`, { as: 'manager', body: { contact_name: '周强', mobile: '13700001111' } });
    const contactId = String(res.body.data.id);
    const [entry] = await t.ctx.handle.db.select().from(auditLog).where(and(eq(auditLog.tenant_id, t.tenant.id), eq(auditLog.action, 'contact.created'), eq(auditLog.entity_id, contactId)));
    expect(entry?.actor_id).toBe(String(await t.tenant.userIdOf('manager@' + t.tenant.code)));
    expect(JSON.stringify(entry?.after)).not.toContain('13700001111');
    const [event] = await t.ctx.handle.db.select().from(events).where(and(eq(events.tenant_id, t.tenant.id), eq(events.type, 'contact.created'), eq(events.entity_id, contactId)));
    expect(event?.payload).toMatchObject({ customer_id: id });
  });

  it('adds the contact once when a client retries with the same Idempotency-Key', async () => {
    const id = await newCustomer(t, profile());
    const send = () => t.post(`/api/v1/customers/${id}/contacts`, { as: 'manager', body: { contact_name: '重试' }, headers: { 'Idempotency-Key': `contact-retry-${id}` } });
    const first = await send();
    const retry = await send();
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.data.id).toBe(first.body.data.id);
    expect(await contactsOf(id)).toHaveLength(1);
  });

  it('answers in English when asked', async () => {
    const id = await newCustomer(t, profile());
    const res = await t.post(`/api/v1/customers/${id}/contacts`, { as: 'manager', body: { contact_name: 'Ann' }, headers: { 'Accept-Language': 'en' } });
    expect(res.body.message).toBe('Contact added');
  });
});

describe('GET and PATCH /api/v1/customers/{id}/contacts/{contact_id}', () => {
  it('updates with the ETag it read and hands back the next one', async () => {
    const id = await newCustomer(t, profile());
    const created = await t.post(`/api/v1/customers/${id}/contacts`, { as: 'manager', body: { contact_name: '王伟', position: '工程师' } });
    const contactId = created.body.data.id;
    const read = await t.get(`/api/v1/customers/${id}/contacts/${contactId}`, { as: 'manager' });
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe(`"contact-${contactId}-v1"`);

    const res = await t.patch(`/api/v1/customers/${id}/contacts/${contactId}`, {
      token: t.as.manager,
      body: { position: '运维主管', phone: '021-66668888' },
      headers: { 'If-Match': read.headers.get('etag')! },
    });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('联系人已更新');
    expect(res.body.data).toMatchObject({ position: '运维主管', phone: '021-66668888', version: 2 });
    expect(res.headers.get('etag')).toBe(`"contact-${contactId}-v2"`);
  });

  it('clears a channel with null and the customer loses its reachable contact', async () => {
    const id = await newCustomer(t, profile());
    const created = await t.post(`/api/v1/customers/${id}/contacts`, { as: 'manager', body: { contact_name: '赵敏', email: 'zm@example.cn' } });
    expect((await completenessOf(id)).missing).not.toContain('reachable_contact');
    const res = await t.patch(`/api/v1/customers/${id}/contacts/${created.body.data.id}`, { as: 'manager', body: { email: null }, headers: { 'If-Match': '*' } });
    expect(res.body.data.email).toBeNull();
    expect((await completenessOf(id)).missing).toContain('reachable_contact');
  });
});

describe('POST /api/v1/customers/{id}/contacts/{contact_id}/make-primary', () => {
  it('moves the primary flag in one step and bumps both versions', async () => {
    const id = await newCustomer(t, profile());
    const first = await t.post(`/api/v1/customers/${id}/contacts`, { as: 'manager', body: { contact_name: '甲', is_primary: 1 } });
    const second = await t.post(`/api/v1/customers/${id}/contacts`, { as: 'manager', body: { contact_name: '乙' } });
    const res = await t.post(`/api/v1/customers/${id}/contacts/${second.body.data.id}/make-primary`, { as: 'manager' });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('主要联系人已变更');
    expect(res.body.data.items.map((c: any) => [c.contact_name, c.is_primary, c.version])).toEqual([
      ['乙', 1, 2],
      ['甲', 0, 2],
    ]);
    expect(first.body.data.is_primary).toBe(1);

    const again = await t.post(`/api/v1/customers/${id}/contacts/${second.body.data.id}/make-primary`, { as: 'manager' });
    expect(again.body.data.items[0]).toMatchObject({ contact_name: '乙', is_primary: 1, version: 2 });
  });
});

describe('DELETE /api/v1/customers/{id}/contacts/{contact_id}', () => {
  it('removes the contact, moves its reports up to its manager and updates completeness', async () => {
    const id = await newCustomer(t, profile());
    const boss = await t.post(`/api/v1/customers/${id}/contacts`, { as: 'manager', body: { contact_name: '总经理', mobile: '13600000001', is_decision_maker: 1 } });
    const lead = await t.post(`/api/v1/customers/${id}/contacts`, { as: 'manager', body: { contact_name: 'IT经理', reports_to_id: boss.body.data.id, is_primary: 1 } });
    const engineer = await t.post(`/api/v1/customers/${id}/contacts`, { as: 'manager', body: { contact_name: '工程师', reports_to_id: lead.body.data.id } });
    expect((await completenessOf(id)).missing).not.toContain('primary_contact');

    const res = await t.delete(`/api/v1/customers/${id}/contacts/${lead.body.data.id}`, { as: 'manager', headers: { 'If-Match': lead.headers.get('etag')! } });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('联系人已删除');
    expect(res.body.data.items.map((c: any) => c.contact_name).sort()).toEqual(['工程师', '总经理'].sort());
    const moved = res.body.data.items.find((c: any) => c.id === engineer.body.data.id);
    expect(moved).toMatchObject({ reports_to_id: boss.body.data.id, version: 2 });
    expect((await completenessOf(id)).missing).toContain('primary_contact');
  });
});

describe('GET /api/v1/contacts/lookup', () => {
  it('finds a caller by mobile in any common spelling, with the customer it belongs to', async () => {
    const id = await newCustomer(t, { ...profile(), customer_name: '查找测试科技有限公司' });
    const created = await t.post(`/api/v1/customers/${id}/contacts`, { as: 'manager', body: { contact_name: '孙莉', mobile: '13588889999', email: 'sun.li@lookup.cn' } });
    const res = await t.get(`/api/v1/contacts/lookup?mobile=${encodeURIComponent('+86 13588889999')}`, { as: 'manager' });
    expect(res.status).toBe(200);
    expect(res.body.data.items).toEqual([
      { contact: created.body.data, customer: expect.objectContaining({ id, customer_name: '查找测试科技有限公司', archived_at: null }), matched: ['mobile'] },
    ]);
  });

  it('matches e-mail regardless of case and says which channels matched', async () => {
    const id = await newCustomer(t, profile());
    await t.post(`/api/v1/customers/${id}/contacts`, { as: 'manager', body: { contact_name: '钱多', mobile: '13599990000', email: 'qian@match.cn' } });
    const res = await t.get('/api/v1/contacts/lookup?email=QIAN@Match.cn&mobile=13599990000', { as: 'manager' });
    expect(res.body.data.items).toHaveLength(1);
    expect(res.body.data.items[0]!.matched.sort()).toEqual(['email', 'mobile']);
  });

  it('finds a landline without its dash and answers an empty list for a number nobody has', async () => {
    const id = await newCustomer(t, profile());
    await t.post(`/api/v1/customers/${id}/contacts`, { as: 'manager', body: { contact_name: '吴', phone: '010-88886666' } });
    const found = await t.get(`/api/v1/contacts/lookup?phone=${encodeURIComponent('010 88886666')}`, { as: 'manager' });
    expect(found.body.data.items.map((h: any) => h.contact.contact_name)).toEqual(['吴']);
    expect((await t.get('/api/v1/contacts/lookup?phone=010-88886667', { as: 'manager' })).body.data.items).toEqual([]);
  });
});
