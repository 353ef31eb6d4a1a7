import { describe, expect, it } from 'vitest';
import { newCustomer, useTestTenant } from '../../../test-support/index.ts';

const t = useTestTenant(['manager', 'admin']);

const addDepartment = async (customerId: number, body: Record<string, unknown>) =>
  (await t.request('POST', `/api/v1/customers/${customerId}/departments`, { as: 'manager', body })).body.data;
const patch = (customerId: number, departmentId: number, body: unknown, ifMatch: string | null = '*') =>
  t.request('PATCH', `/api/v1/customers/${customerId}/departments/${departmentId}`, { as: 'manager', body, headers: ifMatch ? { 'If-Match': ifMatch } : {} });
const countDepartments = async (customerId: number) => (await t.get(`/api/v1/customers/${customerId}/departments`, { as: 'manager' })).body.data.items.length;

describe('invalid department input', () => {
  it.each([
    ['an empty name', { name: ' ' }, 'name'],
    ['a name longer than 100 characters', { name: '部'.repeat(101) }, 'name'],
    ['a negative sort order', { name: '部门', sort_order: -1 }, 'sort_order'],
    ['an unknown field', { name: '部门', manager: '张三' }, ''],
  ])('refuses %s with 400', async (_label, body, path) => {
    const id = await newCustomer(t);
    const res = await t.post(`/api/v1/customers/${id}/departments`, { as: 'manager', body });
    expect(res.status).toBe(400);
    expect(res.body.details.issues.map((i: any) => i.path)).toContain(path);
    expect(await countDepartments(id)).toBe(0);
  });

  it("refuses a parent that belongs to another customer with 422, on create and on move", async () => {
    const id = await newCustomer(t);
    const other = await newCustomer(t);
    const foreign = await addDepartment(other, { name: '别家部门' });
    const created = await t.post(`/api/v1/customers/${id}/departments`, { as: 'manager', body: { name: '子部门', parent_id: foreign.id } });
    expect(created.status).toBe(422);
    expect(created.body).toMatchObject({ error: 'department.parent_invalid', message: '上级部门无效' });
    const own = await addDepartment(id, { name: '本部' });
    const moved = await patch(id, own.id, { parent_id: foreign.id });
    expect(moved.status).toBe(422);
    expect(moved.body.error).toBe('department.parent_invalid');
  });

  it('refuses two siblings with the same name but allows it under different parents', async () => {
    const id = await newCustomer(t);
    const a = await addDepartment(id, { name: '华东区' });
    const b = await addDepartment(id, { name: '华南区' });
    await addDepartment(id, { name: '销售部', parent_id: a.id });
    const twin = await t.post(`/api/v1/customers/${id}/departments`, { as: 'manager', body: { name: '销售部', parent_id: a.id } });
    expect(twin.status).toBe(409);
    expect(twin.body.error).toBe('department.duplicate');
    expect((await t.post(`/api/v1/customers/${id}/departments`, { as: 'manager', body: { name: '销售部', parent_id: b.id } })).status).toBe(201);
    const renamed = await patch(id, b.id, { name: '华东区' });
    expect(renamed.status).toBe(409);
  });
});

describe('cycles', () => {
  it('refuses moving a department under itself or anything below it, and changes nothing', async () => {
    const id = await newCustomer(t);
    const top = await addDepartment(id, { name: '集团总部' });
    const mid = await addDepartment(id, { name: '信息部', parent_id: top.id });
    const leaf = await addDepartment(id, { name: '运维组', parent_id: mid.id });
    for (const target of [top.id, mid.id, leaf.id]) {
      const res = await patch(id, top.id, { parent_id: target, name: '改名不应生效' });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ error: 'department.cycle', message: '部门层级不能形成环' });
    }
    const tree = (await t.get(`/api/v1/customers/${id}/departments`, { as: 'manager' })).body.data;
    expect(tree.tree[0]).toMatchObject({ name: '集团总部', version: 1, parent_id: null });
  });
});

describe('deleting a department that is in use', () => {
  it('refuses while it has sub-departments or contacts, saying how many', async () => {
    const id = await newCustomer(t);
    const parent = await addDepartment(id, { name: '技术中心' });
    const child = await addDepartment(id, { name: '研发部', parent_id: parent.id });
    await t.post(`/api/v1/customers/${id}/contacts`, { as: 'manager', body: { contact_name: '研发经理', department_id: child.id } });
    const withChild = await t.delete(`/api/v1/customers/${id}/departments/${parent.id}`, { as: 'manager' });
    expect(withChild.status).toBe(409);
    expect(withChild.body).toMatchObject({ error: 'department.not_empty', details: { sub_departments: 1, contacts: 0 } });
    const withContact = await t.delete(`/api/v1/customers/${id}/departments/${child.id}`, { as: 'manager' });
    expect(withContact.status).toBe(409);
    expect(withContact.body.details).toEqual({ sub_departments: 0, contacts: 1 });
    expect(await countDepartments(id)).toBe(2);
  });
});

describe('If-Match and missing records', () => {
  it('asks for If-Match (428) and refuses a stale version (412)', async () => {
    const id = await newCustomer(t);
    const dept = await addDepartment(id, { name: '市场部' });
    expect((await patch(id, dept.id, { name: '无头' }, null)).status).toBe(428);
    expect((await patch(id, dept.id, { name: '市场一部' }, `"department-${dept.id}-v1"`)).status).toBe(200);
    const stale = await patch(id, dept.id, { name: '过期' }, `"department-${dept.id}-v1"`);
    expect(stale.status).toBe(412);
    expect(stale.body.details).toEqual({ current_version: 2 });
    const staleDelete = await t.delete(`/api/v1/customers/${id}/departments/${dept.id}`, { as: 'manager', headers: { 'If-Match': `"department-${dept.id}-v1"` } });
    expect(staleDelete.status).toBe(412);
    expect(await countDepartments(id)).toBe(1);
  });

  it("answers 404 for an unknown department, or one reached through another customer's path", async () => {
    const id = await newCustomer(t);
    const other = await newCustomer(t);
    const theirs = await addDepartment(other, { name: '别家' });
    expect((await patch(id, 999999999, { name: 'x' })).status).toBe(404);
    const crossed = await patch(id, theirs.id, { name: 'x' });
    expect(crossed.status).toBe(404);
    expect(crossed.body.error).toBe('department.not_found');
    expect((await t.delete(`/api/v1/customers/${id}/departments/${theirs.id}`, { as: 'manager' })).status).toBe(404);
    expect((await t.get('/api/v1/customers/999999999/org-chart', { as: 'manager' })).body.error).toBe('customer.not_found');
  });

  it('keeps the structure of an archived customer as it was (409)', async () => {
    const id = await newCustomer(t);
    await t.post(`/api/v1/customers/${id}/archive`, { as: 'admin' });
    const res = await t.post(`/api/v1/customers/${id}/departments`, { as: 'manager', body: { name: '新部门' } });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('customer.archived');
  });
});
