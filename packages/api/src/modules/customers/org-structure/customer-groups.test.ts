import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../../platform/platform.schema.ts';
import { newCustomer, useTestTenant } from '../../../test-support/index.ts';

const t = useTestTenant(['manager']);

const groupOf = async (id: number) => (await t.get(`/api/v1/customers/${id}/group`, { as: 'manager' })).body.data;
const attach = (id: number, parentId: number, headers: Record<string, string> = {}) =>
  t.put(`/api/v1/customers/${id}/parent`, { as: 'manager', body: { parent_customer_id: parentId }, headers });

describe('GET /api/v1/customers/{id}/group', () => {
  it('rolls up a parent company and its subsidiaries', async () => {
    const parent = await newCustomer(t, { customer_name: '华夏控股集团有限公司', status: 2, level: 3, contacts: [{ contact_name: '董事长', mobile: '13800000001', is_primary: 1, is_decision_maker: 1 }] });
    const north = await newCustomer(t, { customer_name: '华夏控股北方分公司', status: 2, level: 4, parent_customer_id: parent, contacts: [{ contact_name: '甲' }, { contact_name: '乙' }] });
    const south = await newCustomer(t, { customer_name: '华夏控股南方分公司', status: 1, level: 1, parent_customer_id: parent });

    const group = await groupOf(parent);
    expect(group).toMatchObject({ customer_id: parent, role: 'parent', group_root_id: parent, parent: null });
    expect(group.children.map((c: any) => c.id)).toEqual([north, south]);
    expect(group.children[0]).toMatchObject({ customer_name: '华夏控股北方分公司', level: 4, contact_count: 2, parent_customer_id: parent });
    expect(group.rollup).toMatchObject({
      member_count: 3,
      subsidiary_count: 2,
      total_contacts: 3,
      by_status: { '1': 1, '2': 2, '3': 0 },
      by_level: { '1': 1, '2': 0, '3': 1, '4': 1 },
      highest_level: 4,
      total_revenue: null,
    });
    expect(group.rollup.average_completeness).toBeGreaterThan(0);

    const fromChild = await groupOf(north);
    expect(fromChild).toMatchObject({ role: 'subsidiary', group_root_id: parent, parent: { id: parent, customer_name: '华夏控股集团有限公司' }, children: [] });
    expect(fromChild.rollup).toEqual(group.rollup);
  });

  it('shows a standalone customer as a group of one', async () => {
    const id = await newCustomer(t, { level: 2 });
    const group = await groupOf(id);
    expect(group).toMatchObject({ role: 'standalone', parent: null, children: [], rollup: { member_count: 1, subsidiary_count: 0, highest_level: 2 } });
  });

  it('leaves archived subsidiaries out of the list and the totals', async () => {
    const parent = await newCustomer(t);
    const child = await newCustomer(t, { parent_customer_id: parent });
    await t.post(`/api/v1/customers/${child}/archive`, { token: await t.tenant.token('admin') });
    expect((await groupOf(parent)).rollup.subsidiary_count).toBe(0);
  });
});

describe('PUT and DELETE /api/v1/customers/{id}/parent', () => {
  it('attaches a subsidiary, bumps its version and audits the change', async () => {
    const parent = await newCustomer(t);
    const child = await newCustomer(t);
    const res = await attach(child, parent, { 'If-Match': `"customer-${child}-v1"` });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('已加入客户集团');
    expect(res.body.data).toMatchObject({ role: 'subsidiary', parent: { id: parent } });
    expect(res.headers.get('etag')).toBe(`"customer-${child}-v2"`);
    expect((await t.get(`/api/v1/customers/${child}`, { as: 'manager' })).body.data.parent_customer_id).toBe(parent);
    const listed = await t.get(`/api/v1/customers?parent_customer_id=${parent}`, { as: 'manager' });
    expect(listed.body.data.items.map((c: any) => c.id)).toEqual([child]);
    const [entry] = await t.ctx.handle.db.select().from(auditLog).where(and(eq(auditLog.tenant_id, t.tenant.id), eq(auditLog.action, 'customer.updated'), eq(auditLog.entity_id, String(child))));
    expect(entry?.before).toMatchObject({ parent_customer_id: null });
    expect(entry?.after).toMatchObject({ parent_customer_id: parent });
  });

  it('detaches a subsidiary, and answers the unchanged group when there is no parent', async () => {
    const parent = await newCustomer(t);
    const child = await newCustomer(t, { parent_customer_id: parent });
    const res = await t.delete(`/api/v1/customers/${child}/parent`, { as: 'manager' });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('已移出客户集团');
    expect(res.body.data).toMatchObject({ role: 'standalone', parent: null });
    expect(res.headers.get('etag')).toBe(`"customer-${child}-v2"`);
    const again = await t.delete(`/api/v1/customers/${child}/parent`, { as: 'manager' });
    expect(again.headers.get('etag')).toBe(`"customer-${child}-v2"`);
    expect((await groupOf(parent)).role).toBe('standalone');
  });

  it.each([
    ['itself', 'self'],
    ['a subsidiary (three levels)', 'subsidiary'],
    ['a customer that does not exist', 'missing'],
  ])('refuses a parent that is %s with 422', async (_label, kind) => {
    const id = await newCustomer(t);
    const root = await newCustomer(t);
    const sub = await newCustomer(t, { parent_customer_id: root });
    const target = kind === 'self' ? id : kind === 'subsidiary' ? sub : 999999999;
    const res = await attach(id, target);
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('customer.parent_invalid');
    expect((await groupOf(id)).role).toBe('standalone');
  });

  it('refuses to make a parent company with subsidiaries someone else’s subsidiary', async () => {
    const holding = await newCustomer(t);
    await newCustomer(t, { parent_customer_id: holding });
    const other = await newCustomer(t);
    const res = await attach(holding, other);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: 'customer.parent_invalid', details: { reason: 'customer has subsidiaries of its own' } });
  });

  it('refuses a stale If-Match (412) and a body with unknown fields (400)', async () => {
    const parent = await newCustomer(t);
    const child = await newCustomer(t);
    await t.patch(`/api/v1/customers/${child}`, { as: 'manager', body: { level: 2 }, headers: { 'If-Match': '*' } });
    expect((await attach(child, parent, { 'If-Match': `"customer-${child}-v1"` })).status).toBe(412);
    const extra = await t.put(`/api/v1/customers/${child}/parent`, { as: 'manager', invalidBody: { parent_customer_id: parent, note: 'x' } });
    expect(extra.status).toBe(400);
    expect((await groupOf(child)).role).toBe('standalone');
  });
});
