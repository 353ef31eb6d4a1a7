import { describe, expect, it } from 'vitest';
import { newCustomer, useTestTenant } from '../../../test-support/index.ts';

const t = useTestTenant(['manager']);

const addDepartment = async (customerId: number, body: Record<string, unknown>) => {
  const res = await t.request('POST', `/api/v1/customers/${customerId}/departments`, { as: 'manager', body });
  return res;
};
const addContact = async (customerId: number, body: Record<string, unknown>) =>
  (await t.request('POST', `/api/v1/customers/${customerId}/contacts`, { as: 'manager', body })).body.data;
const treeOf = async (customerId: number) => (await t.get(`/api/v1/customers/${customerId}/departments`, { as: 'manager' })).body.data;
const names = (nodes: any[]): unknown => nodes.map((n) => (n.children.length ? [n.name, names(n.children)] : n.name));

describe('departments of a customer', () => {
  it('builds a tree with member counts, contact ids and reporting lines', async () => {
    const id = await newCustomer(t);
    const head = await addDepartment(id, { name: '总经办' });
    expect(head.status).toBe(201);
    expect(head.body).toMatchObject({ code: 201, message: '部门已创建', data: { customer_id: id, name: '总经办', parent_id: null, sort_order: 0, version: 1 } });
    expect(head.headers.get('etag')).toBe(`"department-${head.body.data.id}-v1"`);
    const it_ = (await addDepartment(id, { name: '信息技术部', sort_order: 1 })).body.data;
    const ops = (await addDepartment(id, { name: '运维组', parent_id: it_.id })).body.data;

    const boss = await addContact(id, { contact_name: '总经理', department_id: head.body.data.id, is_primary: 1 });
    const cio = await addContact(id, { contact_name: 'CIO', department_id: it_.id, reports_to_id: boss.id });
    const engineer = await addContact(id, { contact_name: '运维工程师', department_id: ops.id, reports_to_id: cio.id });
    await addContact(id, { contact_name: '外部顾问' });

    const tree = await treeOf(id);
    expect(names(tree.tree)).toEqual(['总经办', ['信息技术部', ['运维组']]]);
    expect(tree.items.map((d: any) => d.name)).toEqual(['总经办', '信息技术部', '运维组']);
    const itNode = tree.tree[1];
    expect(itNode).toMatchObject({ contact_count: 1, total_contact_count: 2, contact_ids: [cio.id] });
    expect(itNode!.children[0]).toMatchObject({ name: '运维组', contact_ids: [engineer.id], total_contact_count: 1 });
    expect(tree.reporting_lines).toEqual(
      expect.arrayContaining([
        { contact_id: cio.id, reports_to_id: boss.id },
        { contact_id: engineer.id, reports_to_id: cio.id },
      ]),
    );
    expect(tree.reporting_lines).toHaveLength(2);
  });

  it('renames, reorders and moves a department with If-Match, and shows it in the customer profile', async () => {
    const id = await newCustomer(t);
    const a = (await addDepartment(id, { name: '采购部' })).body;
    const b = (await addDepartment(id, { name: '财务部', sort_order: 5 })).body;
    const res = await t.patch(`/api/v1/customers/${id}/departments/${a.data.id}`, {
      token: t.as.manager,
      body: { name: '采购与合同部', parent_id: b.data.id, sort_order: 2 },
      headers: { 'If-Match': `"department-${a.data.id}-v1"` },
    });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('部门已更新');
    expect(res.body.data).toMatchObject({ name: '采购与合同部', parent_id: b.data.id, sort_order: 2, version: 2 });
    expect(res.headers.get('etag')).toBe(`"department-${a.data.id}-v2"`);
    expect(names((await treeOf(id)).tree)).toEqual([['财务部', ['采购与合同部']]]);

    const back = await t.patch(`/api/v1/customers/${id}/departments/${a.data.id}`, { as: 'manager', body: { parent_id: null }, headers: { 'If-Match': '*' } });
    expect(back.body.data.parent_id).toBeNull();
    const profile = await t.get(`/api/v1/customers/${id}`, { as: 'manager' });
    expect(profile.body.data.departments.map((d: any) => d.name).sort()).toEqual(['财务部', '采购与合同部'].sort());
  });

  it('deletes an empty department and answers the remaining tree', async () => {
    const id = await newCustomer(t);
    const keep = (await addDepartment(id, { name: '保留' })).body.data;
    const gone = (await addDepartment(id, { name: '删除', parent_id: keep.id })).body.data;
    const res = await t.delete(`/api/v1/customers/${id}/departments/${gone.id}`, { as: 'manager' });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('部门已删除');
    expect(names(res.body.data.tree)).toEqual(['保留']);
  });
});

describe('GET /api/v1/customers/{id}/org-chart', () => {
  it('nests people in their departments with direct reports, and lists the unplaced apart', async () => {
    const id = await newCustomer(t);
    const it_ = (await addDepartment(id, { name: '信息中心' })).body.data;
    const net = (await addDepartment(id, { name: '网络运维科', parent_id: it_.id })).body.data;
    const director = await addContact(id, { contact_name: '主任', position: '信息中心主任', department_id: it_.id, is_decision_maker: 1, mobile: '13800000000' });
    const chief = await addContact(id, { contact_name: '科长', department_id: net.id, reports_to_id: director.id });
    const loose = await addContact(id, { contact_name: '临时对接人' });

    const res = await t.get(`/api/v1/customers/${id}/org-chart`, { as: 'manager' });
    expect(res.status).toBe(200);
    const chart = res.body.data;
    expect(chart).toMatchObject({ customer_id: id, reporting_lines: [{ contact_id: chief.id, reports_to_id: director.id }] });
    expect(chart.departments).toHaveLength(1);
    expect(chart.departments[0]!.contacts).toEqual([
      { id: director.id, contact_name: '主任', position: '信息中心主任', department_id: it_.id, reports_to_id: null, direct_report_ids: [chief.id], is_primary: 0, is_decision_maker: 1 },
    ]);
    expect(chart.departments[0]!.children[0]).toMatchObject({ name: '网络运维科', contacts: [expect.objectContaining({ id: chief.id, reports_to_id: director.id })], children: [] });
    expect(chart.unassigned_contacts.map((c: any) => c.id)).toEqual([loose.id]);
    expect(JSON.stringify(chart)).not.toContain('13800000000');
  });

  it('answers an empty chart for a customer without departments or contacts', async () => {
    const id = await newCustomer(t);
    const res = await t.get(`/api/v1/customers/${id}/org-chart`, { as: 'manager' });
    expect(res.body.data).toMatchObject({ departments: [], unassigned_contacts: [], reporting_lines: [] });
  });
});
