import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../platform/platform.schema.ts';
import { call, createTestContext, type TestContext, type TestTenant } from '../../../test-support/index.ts';

let ctx: TestContext;
let tenant: TestTenant;
let manager: string;

beforeAll(async () => {
  ctx = await createTestContext();
  tenant = await ctx.createTenant();
  manager = await tenant.token('manager');
});
afterAll(() => ctx.close());

let counter = 0;
async function newCustomer(body: Record<string, unknown> = {}): Promise<number> {
  const res = await call(ctx.app, 'POST', '/api/v1/customers?force=true', { token: manager, body: { customer_name: `集团测试${++counter}号有限公司`, ...body } });
  expect(res.status).toBe(200);
  return res.body.data.customer_id;
}
const groupOf = async (id: number) => (await call(ctx.app, 'GET', `/api/v1/customers/${id}/group`, { token: manager })).body.data;
const attach = (id: number, parentId: number, headers: Record<string, string> = {}) =>
  call(ctx.app, 'PUT', `/api/v1/customers/${id}/parent`, { token: manager, body: { parent_customer_id: parentId }, headers });

describe('GET /api/v1/customers/{id}/group', () => {
  it('rolls up a parent company and its subsidiaries', async () => {
    const parent = await newCustomer({ customer_name: '华夏控股集团有限公司', status: 2, level: 3, contacts: [{ contact_name: '董事长', mobile: '13800000001', is_primary: 1, is_decision_maker: 1 }] });
    const north = await newCustomer({ customer_name: '华夏控股北方分公司', status: 2, level: 4, parent_customer_id: parent, contacts: [{ contact_name: '甲' }, { contact_name: '乙' }] });
    const south = await newCustomer({ customer_name: '华夏控股南方分公司', status: 1, level: 1, parent_customer_id: parent });

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
    const id = await newCustomer({ level: 2 });
    const group = await groupOf(id);
    expect(group).toMatchObject({ role: 'standalone', parent: null, children: [], rollup: { member_count: 1, subsidiary_count: 0, highest_level: 2 } });
  });

  it('leaves archived subsidiaries out of the list and the totals', async () => {
    const parent = await newCustomer();
    const child = await newCustomer({ parent_customer_id: parent });
    await call(ctx.app, 'POST', `/api/v1/customers/${child}/archive`, { token: await tenant.token('admin') });
    expect((await groupOf(parent)).rollup.subsidiary_count).toBe(0);
  });
});

describe('PUT and DELETE /api/v1/customers/{id}/parent', () => {
  it('attaches a subsidiary, bumps its version and audits the change', async () => {
    const parent = await newCustomer();
    const child = await newCustomer();
    const res = await attach(child, parent, { 'If-Match': `"customer-${child}-v1"` });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('已加入客户集团');
    expect(res.body.data).toMatchObject({ role: 'subsidiary', parent: { id: parent } });
    expect(res.headers.get('etag')).toBe(`"customer-${child}-v2"`);
    expect((await call(ctx.app, 'GET', `/api/v1/customers/${child}`, { token: manager })).body.data.parent_customer_id).toBe(parent);
    const listed = await call(ctx.app, 'GET', `/api/v1/customers?parent_customer_id=${parent}`, { token: manager });
    expect(listed.body.data.items.map((c: any) => c.id)).toEqual([child]);
    const [entry] = await ctx.handle.db.select().from(auditLog).where(and(eq(auditLog.tenant_id, tenant.id), eq(auditLog.action, 'customer.updated'), eq(auditLog.entity_id, String(child))));
    expect(entry?.before).toMatchObject({ parent_customer_id: null });
    expect(entry?.after).toMatchObject({ parent_customer_id: parent });
  });

  it('detaches a subsidiary, and answers the unchanged group when there is no parent', async () => {
    const parent = await newCustomer();
    const child = await newCustomer({ parent_customer_id: parent });
    const res = await call(ctx.app, 'DELETE', `/api/v1/customers/${child}/parent`, { token: manager });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('已移出客户集团');
    expect(res.body.data).toMatchObject({ role: 'standalone', parent: null });
    expect(res.headers.get('etag')).toBe(`"customer-${child}-v2"`);
    const again = await call(ctx.app, 'DELETE', `/api/v1/customers/${child}/parent`, { token: manager });
    expect(again.headers.get('etag')).toBe(`"customer-${child}-v2"`);
    expect((await groupOf(parent)).role).toBe('standalone');
  });

  it.each([
    ['itself', 'self'],
    ['a subsidiary (three levels)', 'subsidiary'],
    ['a customer that does not exist', 'missing'],
  ])('refuses a parent that is %s with 422', async (_label, kind) => {
    const id = await newCustomer();
    const root = await newCustomer();
    const sub = await newCustomer({ parent_customer_id: root });
    const target = kind === 'self' ? id : kind === 'subsidiary' ? sub : 999999999;
    const res = await attach(id, target);
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('customer.parent_invalid');
    expect((await groupOf(id)).role).toBe('standalone');
  });

  it('refuses to make a parent company with subsidiaries someone else’s subsidiary', async () => {
    const holding = await newCustomer();
    await newCustomer({ parent_customer_id: holding });
    const other = await newCustomer();
    const res = await attach(holding, other);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: 'customer.parent_invalid', details: { reason: 'customer has subsidiaries of its own' } });
  });

  it('refuses a stale If-Match (412) and a body with unknown fields (400)', async () => {
    const parent = await newCustomer();
    const child = await newCustomer();
    await call(ctx.app, 'PATCH', `/api/v1/customers/${child}`, { token: manager, body: { level: 2 }, headers: { 'If-Match': '*' } });
    expect((await attach(child, parent, { 'If-Match': `"customer-${child}-v1"` })).status).toBe(412);
    const extra = await call(ctx.app, 'PUT', `/api/v1/customers/${child}/parent`, { token: manager, body: { parent_customer_id: parent, note: 'x' } });
    expect(extra.status).toBe(400);
    expect((await groupOf(child)).role).toBe('standalone');
  });
});
