import { and, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../platform/platform.schema.ts';
import { createCustomer, describeAccessRules, newCustomer, type TestTenant, useTestTenant } from '../../../test-support/index.ts';

const t = useTestTenant(['manager', 'support']);
let otherTenant: TestTenant;
let customerId: number;
let neighbourId: number;
let contactId: number;
const MOBILE = '13912345678';

beforeAll(async () => {
  otherTenant = await t.ctx.createTenant();
  const create = (name: string, contacts: NonNullable<Parameters<typeof createCustomer>[1]>['contacts']) => createCustomer(t, { customer_name: name, contacts }, { as: 'manager' });
  const own = await create('安全测试甲公司', [{ contact_name: '李娜', mobile: MOBILE, email: 'li.na@jia.cn', phone: '010-12345678', is_primary: 1 }]);
  customerId = own.customer_id;
  contactId = own.contacts[0]!.id;
  neighbourId = (await create('安全测试乙公司', [{ contact_name: '同号联系人', mobile: MOBILE }])).customer_id;
  await newCustomer(t, { customer_name: '别的租户公司', contacts: [{ contact_name: '他人', mobile: MOBILE }] }, { token: await otherTenant.token('admin') });
});

const contactPath = () => `/api/v1/customers/${customerId}/contacts/${contactId}`;

describe('masking by right to read personal data', () => {
  it('shows support masked channels and a manager the real ones', async () => {
    const masked = await t.get(`/api/v1/customers/${customerId}/contacts`, { as: 'support' });
    expect(masked.body.data.items[0]).toMatchObject({ mobile: '139****5678', email: 'l***@jia.cn', phone: '010****5678' });
    const clear = await t.get(`/api/v1/customers/${customerId}/contacts`, { as: 'manager' });
    expect(clear.body.data.items[0]).toMatchObject({ mobile: MOBILE, email: 'li.na@jia.cn', phone: '010-12345678' });
  });

  it('masks lookup hits for support too', async () => {
    const res = await t.get(`/api/v1/contacts/lookup?mobile=${MOBILE}`, { token: await t.tenant.token('analyst') });
    expect(res.body.data.items).toHaveLength(2);
    for (const hit of res.body.data.items) expect(hit.contact.mobile).toBe('139****5678');
  });

  it('audits unmasked reads, and only those', async () => {
    const readsBy = async (token: string, username: string) => {
      await t.get(`/api/v1/customers/${customerId}/contacts`, { token });
      await t.get(`/api/v1/contacts/lookup?email=li.na@jia.cn`, { token });
      const actor = String(await t.tenant.userIdOf(username));
      return t.ctx.handle.db.select().from(auditLog).where(and(eq(auditLog.tenant_id, t.tenant.id), eq(auditLog.action, 'pii.read'), eq(auditLog.actor_id, actor), like(auditLog.entity_id, `%${customerId}%`)));
    };
    expect(await readsBy(t.as.support, `support@${t.tenant.code}`)).toHaveLength(0);
    const managerReads = await readsBy(t.as.manager, `manager@${t.tenant.code}`);
    expect(managerReads.length).toBeGreaterThanOrEqual(1);
    expect(managerReads.some((r) => r.entity_type === 'contact' && r.entity_id === String(contactId))).toBe(true);
  });
});

describe('roles without customer:write', () => {
  it.each(['support', 'analyst', 'auditor'])('refuses every contact write by %s with 403 and writes nothing', async (role) => {
    const token = await t.tenant.token(role);
    const attempts = [
      await t.post(`/api/v1/customers/${customerId}/contacts`, { token, body: { contact_name: '越权' } }),
      await t.patch(contactPath(), { token, body: { position: '越权' }, headers: { 'If-Match': '*' } }),
      await t.delete(contactPath(), { token }),
      await t.post(`${contactPath()}/make-primary`, { token }),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: 'auth.forbidden', message: '无权执行此操作' });
    }
    const contacts = (await t.get(`/api/v1/customers/${customerId}/contacts`, { as: 'manager' })).body.data.items;
    expect(contacts).toHaveLength(1);
    expect(contacts[0]!.position).toBeNull();
  });

  it('lets a CSM maintain contacts', async () => {
    const res = await t.post(`/api/v1/customers/${neighbourId}/contacts`, { token: await t.tenant.token('csm'), body: { contact_name: 'CSM 添加' } });
    expect(res.status).toBe(201);
  });

  it('answers 401 without a token', async () => {
    expect((await t.get(`/api/v1/customers/${customerId}/contacts`)).status).toBe(401);
  });
});

describe('portal users', () => {
  it('read their own contacts (masked), never another customer’s, and cannot write', async () => {
    const portal = await t.tenant.token('customer', { customer_id: customerId });
    const own = await t.get(`/api/v1/customers/${customerId}/contacts`, { token: portal });
    expect(own.status).toBe(200);
    expect(own.body.data.items[0]!.mobile).toBe('139****5678');
    expect((await t.get(`/api/v1/customers/${neighbourId}/contacts`, { token: portal })).status).toBe(404);
    expect((await t.post(`/api/v1/customers/${customerId}/contacts`, { token: portal, body: { contact_name: '自助添加' } })).status).toBe(403);
    // The phone lookup is a staff tool: a portal user gets no reverse lookup of anyone, even its own company.
    const lookup = await t.get(`/api/v1/contacts/lookup?mobile=${MOBILE}`, { token: portal });
    expect(lookup.status).toBe(403);
    expect(lookup.body.data).toBeUndefined();
  });
});

describe('tenant isolation', () => {
  it("answers 404 for another tenant's customer and contact, and the lookup never crosses tenants", async () => {
    const stranger = await otherTenant.token('admin');
    expect((await t.get(`/api/v1/customers/${customerId}/contacts`, { token: stranger })).status).toBe(404);
    expect((await t.get(contactPath(), { token: stranger })).status).toBe(404);
    expect((await t.patch(contactPath(), { token: stranger, body: { position: '入侵' }, headers: { 'If-Match': '*' } })).status).toBe(404);
    expect((await t.delete(contactPath(), { token: stranger })).status).toBe(404);
    const lookup = await t.get(`/api/v1/contacts/lookup?mobile=${MOBILE}`, { token: stranger });
    expect(lookup.body.data.items.map((h: any) => h.contact.contact_name)).toEqual(['他人']);
    expect((await t.get(contactPath(), { as: 'manager' })).body.data.position).toBeNull();
  });
});

describe('managers limited to their assigned customers', () => {
  it('see and find only the contacts of customers assigned to them', async () => {
    const scoped = await t.ctx.createTenant();
    const admin = await scoped.token('admin');
    const mine = await scoped.token('manager', { username: 'mine@scoped' });
    const myId = await scoped.userIdOf('mine@scoped');
    const create = async (name: string, manager: number | null) =>
      newCustomer(t, { customer_name: name, assigned_manager_id: manager, contacts: [{ contact_name: name, mobile: '13700007777' }] }, { token: admin });
    const assigned = await create('分配给我的公司', myId);
    const unassigned = await create('别人负责的公司', null);
    await scoped.setSettings({ manager_data_scope: 'assigned' });
    expect((await t.get(`/api/v1/customers/${unassigned}/contacts`, { token: mine })).status).toBe(404);
    const lookup = await t.get('/api/v1/contacts/lookup?mobile=13700007777', { token: mine });
    expect(lookup.body.data.items.map((h: any) => h.customer.id)).toEqual([assigned]);
  });
});

/** After any refusal the contact is as the fixtures made it. */
const contactUnchanged = async () => {
  const contact = (await t.get(`/api/v1/customers/${customerId}/contacts/${contactId}`, { as: 'manager' })).body.data;
  expect(contact).toMatchObject({ contact_name: '李娜', position: null, is_primary: 1 });
};
const contactWriters = { allowed: 'manager', denied: ['support', 'analyst', 'auditor'], unchanged: contactUnchanged } as const;
describeAccessRules(t, [
  { name: 'read a contact', send: (token, id) => t.get(`/api/v1/customers/${id}/contacts/${contactId}`, { token }), record: () => customerId, notFound: 'customer.not_found', allowed: 'manager', denied: [] },
  { name: 'add a contact', send: (token, id) => t.post(`/api/v1/customers/${id}/contacts`, { token, body: { contact_name: '越权联系人' } }), record: () => customerId, notFound: 'customer.not_found', ...contactWriters },
  {
    name: 'change a contact',
    send: (token, id) => t.patch(`/api/v1/customers/${id}/contacts/${contactId}`, { token, body: { position: '越权' }, headers: { 'If-Match': '*' } }),
    record: () => customerId,
    notFound: 'customer.not_found',
    ...contactWriters,
  },
  { name: 'delete a contact', send: (token, id) => t.delete(`/api/v1/customers/${id}/contacts/${contactId}`, { token }), record: () => customerId, notFound: 'customer.not_found', ...contactWriters },
  { name: 'make a contact primary', send: (token, id) => t.post(`/api/v1/customers/${id}/contacts/${contactId}/make-primary`, { token }), record: () => customerId, notFound: 'customer.not_found', ...contactWriters },
]);
