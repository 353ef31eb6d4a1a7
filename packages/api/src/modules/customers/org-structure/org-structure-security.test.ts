import { beforeAll, describe, expect, it } from 'vitest';
import { newCustomer, type TestTenant, useTestTenant } from '../../../test-support/index.ts';

const t = useTestTenant(['manager']);
let otherTenant: TestTenant;
let parentId: number;
let childId: number;
let departmentId: number;

beforeAll(async () => {
  otherTenant = await t.ctx.createTenant();
  const create = (body: Parameters<typeof newCustomer>[1]) => newCustomer(t, body, { as: 'manager' });
  parentId = await create({ customer_name: '权限测试集团有限公司' });
  childId = await create({ customer_name: '权限测试子公司', parent_customer_id: parentId, contacts: [{ contact_name: '子公司联系人' }] });
  departmentId = (await t.post(`/api/v1/customers/${parentId}/departments`, { as: 'manager', body: { name: '总部' } })).body.data.id;
});

const reads = () => [`/api/v1/customers/${parentId}/departments`, `/api/v1/customers/${parentId}/org-chart`, `/api/v1/customers/${parentId}/group`];
const writes = (token: string) => [
  t.post(`/api/v1/customers/${parentId}/departments`, { token, body: { name: '越权部门' } }),
  t.patch(`/api/v1/customers/${parentId}/departments/${departmentId}`, { token, body: { name: '越权改名' }, headers: { 'If-Match': '*' } }),
  t.delete(`/api/v1/customers/${parentId}/departments/${departmentId}`, { token }),
  t.put(`/api/v1/customers/${childId}/parent`, { token, body: { parent_customer_id: parentId } }),
  t.delete(`/api/v1/customers/${childId}/parent`, { token }),
];
const unchanged = async () => {
  const tree = (await t.get(`/api/v1/customers/${parentId}/departments`, { as: 'manager' })).body.data;
  expect(tree.items.map((d: any) => [d.name, d.version])).toEqual([['总部', 1]]);
  expect((await t.get(`/api/v1/customers/${childId}/group`, { as: 'manager' })).body.data.parent?.id).toBe(parentId);
};

describe('roles without customer:write', () => {
  it.each(['support', 'analyst', 'auditor'])('lets %s read the structure but not change it (403)', async (role) => {
    const token = await t.tenant.token(role);
    for (const path of reads()) expect((await t.get(path, { token })).status).toBe(200);
    for (const res of await Promise.all(writes(token))) {
      expect(res.status).toBe(403);
      expect(res.body.error).toBe('auth.forbidden');
    }
    await unchanged();
  });
});

describe('portal users', () => {
  it('see the structure of their own company only, read-only, and nothing of the rest of the group', async () => {
    const portal = await t.tenant.token('customer', { customer_id: childId });
    expect((await t.get(`/api/v1/customers/${childId}/org-chart`, { token: portal })).status).toBe(200);
    // The parent company's chart is another customer's (404); its departments and group are staff reads (403).
    const [departments, chart, group] = await Promise.all(reads().map((path) => t.get(path, { token: portal })));
    expect([departments!.status, chart!.status, group!.status]).toEqual([403, 404, 403]);
    // The group (parent, subsidiaries, roll-ups) is the provider's account structure: staff only.
    expect((await t.get(`/api/v1/customers/${childId}/group`, { token: portal })).status).toBe(403);
    const write = await t.post(`/api/v1/customers/${childId}/departments`, { token: portal, body: { name: '自助部门' } });
    expect(write.status).toBe(403);
  });
});

describe('tenant isolation', () => {
  it("answers 404 for another tenant's customers and departments, and refuses its customers as parents", async () => {
    const stranger = await otherTenant.token('admin');
    for (const path of reads()) expect((await t.get(path, { token: stranger })).status).toBe(404);
    for (const res of await Promise.all(writes(stranger))) expect(res.status).toBe(404);
    const ownCustomer = await newCustomer(t, { customer_name: '另一租户客户' }, { token: stranger });
    const crossed = await t.patch(`/api/v1/customers/${ownCustomer}/departments/${departmentId}`, { token: stranger, body: { name: 'x' }, headers: { 'If-Match': '*' } });
    expect(crossed.status).toBe(404);
    const foreignParent = await t.put(`/api/v1/customers/${ownCustomer}/parent`, { token: stranger, body: { parent_customer_id: parentId } });
    expect(foreignParent.status).toBe(422);
    expect(foreignParent.body.error).toBe('customer.parent_invalid');
    await unchanged();
  });
});

describe('managers limited to their assigned customers', () => {
  it('count only the group members assigned to them and cannot attach to a customer they cannot see', async () => {
    const scoped = await t.ctx.createTenant();
    const admin = await scoped.token('admin');
    const mine = await scoped.token('manager', { username: 'mine@group' });
    const myId = await scoped.userIdOf('mine@group');
    const create = (body: Parameters<typeof newCustomer>[1]) => newCustomer(t, body, { token: admin });
    const root = await create({ customer_name: '分级集团', assigned_manager_id: myId });
    await create({ customer_name: '分级子公司甲', parent_customer_id: root, assigned_manager_id: myId });
    await create({ customer_name: '分级子公司乙', parent_customer_id: root });
    const hidden = await create({ customer_name: '不可见集团' });
    const loner = await create({ customer_name: '我的独立客户', assigned_manager_id: myId });
    await scoped.setSettings({ manager_data_scope: 'assigned' });

    const group = (await t.get(`/api/v1/customers/${root}/group`, { token: mine })).body.data;
    expect(group.children.map((c: any) => c.customer_name)).toEqual(['分级子公司甲']);
    expect(group.rollup).toMatchObject({ member_count: 2, subsidiary_count: 1 });
    const attach = await t.put(`/api/v1/customers/${loner}/parent`, { token: mine, body: { parent_customer_id: hidden } });
    expect(attach.status).toBe(422);
    expect((await t.get(`/api/v1/customers/${loner}/group`, { token: admin })).body.data.role).toBe('standalone');
  });
});
