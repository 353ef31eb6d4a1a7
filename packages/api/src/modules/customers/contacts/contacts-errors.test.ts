import { describe, expect, it } from 'vitest';
import { newCustomer, useTestTenant } from '../../../test-support/index.ts';

const t = useTestTenant(['manager', 'admin']);

const addContact = (customerId: number, body: Record<string, unknown>) => t.request('POST', `/api/v1/customers/${customerId}/contacts`, { as: 'manager', body });
const countContacts = async (customerId: number) => (await t.get(`/api/v1/customers/${customerId}/contacts`, { as: 'manager' })).body.data.items.length;

describe('invalid contact input', () => {
  it.each([
    ['a malformed mobile', { contact_name: '张', mobile: '1380013' }, 'mobile'],
    ['a malformed e-mail', { contact_name: '张', email: 'zhang-at-example' }, 'email'],
    ['a name longer than 100 characters', { contact_name: '张'.repeat(101) }, 'contact_name'],
    ['an empty name', { contact_name: '  ' }, 'contact_name'],
    ['an unknown field', { contact_name: '张', nickname: '小张' }, ''],
    ['is_primary outside 0/1', { contact_name: '张', is_primary: 2 }, 'is_primary'],
  ])('refuses %s with 400 and writes nothing', async (_label, body, path) => {
    const id = await newCustomer(t);
    const res = await addContact(id, body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 400, error: 'request.invalid', message: '请求参数不合法' });
    expect(res.body.details.issues.map((i: any) => i.path)).toContain(path);
    expect(res.body.request_id).toBeTruthy();
    expect(await countContacts(id)).toBe(0);
  });

  it('refuses a department of another customer and a manager who is not a contact of this customer', async () => {
    const id = await newCustomer(t);
    const other = await newCustomer(t);
    const dept = await t.post(`/api/v1/customers/${other}/departments`, { as: 'manager', body: { name: '财务部' } });
    const foreignBoss = await addContact(other, { contact_name: '外部领导' });
    const wrongDept = await addContact(id, { contact_name: '张', department_id: dept.body.data.id });
    expect(wrongDept.status).toBe(404);
    expect(wrongDept.body.error).toBe('department.not_found');
    const wrongBoss = await addContact(id, { contact_name: '张', reports_to_id: foreignBoss.body.data.id });
    expect(wrongBoss.status).toBe(422);
    expect(wrongBoss.body.error).toBe('contact.reports_to_invalid');
    expect(await countContacts(id)).toBe(0);
  });

  it('refuses reporting lines that would loop back', async () => {
    const id = await newCustomer(t);
    const boss = await addContact(id, { contact_name: '上级' });
    const report = await addContact(id, { contact_name: '下级', reports_to_id: boss.body.data.id });
    const loop = await t.patch(`/api/v1/customers/${id}/contacts/${boss.body.data.id}`, { as: 'manager', body: { reports_to_id: report.body.data.id }, headers: { 'If-Match': '*' } });
    expect(loop.status).toBe(422);
    expect(loop.body).toMatchObject({ error: 'contact.reports_to_invalid', details: { reason: 'cycle' } });
    const self = await t.patch(`/api/v1/customers/${id}/contacts/${boss.body.data.id}`, { as: 'manager', body: { reports_to_id: boss.body.data.id }, headers: { 'If-Match': '*' } });
    expect(self.status).toBe(422);
  });
});

describe('one primary contact per customer', () => {
  it('refuses a second primary on create with 409 naming the current one', async () => {
    const id = await newCustomer(t);
    const first = await addContact(id, { contact_name: '主联系人', is_primary: 1 });
    const res = await addContact(id, { contact_name: '第二个', is_primary: 1 });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: 'contact.primary_conflict', message: '该客户已有主要联系人', details: { primary_contact_id: first.body.data.id } });
    expect(await countContacts(id)).toBe(1);
  });

  it('refuses promoting a contact by PATCH while another is primary', async () => {
    const id = await newCustomer(t);
    await addContact(id, { contact_name: '主联系人', is_primary: 1 });
    const other = await addContact(id, { contact_name: '普通联系人' });
    const res = await t.patch(`/api/v1/customers/${id}/contacts/${other.body.data.id}`, { as: 'manager', body: { is_primary: 1 }, headers: { 'If-Match': other.headers.get('etag')! } });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('contact.primary_conflict');
    const after = await t.get(`/api/v1/customers/${id}/contacts/${other.body.data.id}`, { as: 'manager' });
    expect(after.body.data).toMatchObject({ is_primary: 0, version: 1 });
  });
});

describe('one primary contact under concurrency', () => {
  it('lets exactly one of several simultaneous primary contacts in', async () => {
    const id = await newCustomer(t);
    const results = await Promise.all(['甲', '乙', '丙'].map((name) => addContact(id, { contact_name: name, is_primary: 1 })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    for (const refused of results.filter((r) => r.status === 409)) expect(refused.body.error).toBe('contact.primary_conflict');
    const contacts = (await t.get(`/api/v1/customers/${id}/contacts`, { as: 'manager' })).body.data.items;
    expect(contacts).toHaveLength(1);
    expect(contacts[0]!.is_primary).toBe(1);
  });

  it('runs simultaneous make-primary requests one after the other, leaving exactly one primary', async () => {
    const id = await newCustomer(t);
    const ids: number[] = [];
    for (const name of ['一', '二', '三', '四']) ids.push((await addContact(id, { contact_name: name, is_primary: name === '一' ? 1 : 0 })).body.data.id);
    const results = await Promise.all(ids.slice(1).map((contactId) => t.post(`/api/v1/customers/${id}/contacts/${contactId}/make-primary`, { as: 'manager' })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const contacts = (await t.get(`/api/v1/customers/${id}/contacts`, { as: 'manager' })).body.data.items;
    expect(contacts.filter((c: any) => c.is_primary === 1)).toHaveLength(1);
    expect(ids.slice(1)).toContain(contacts[0]!.id);
  });
});

describe('If-Match on contact updates', () => {
  it('asks for If-Match (428) and refuses a stale version (412) without changing anything', async () => {
    const id = await newCustomer(t);
    const created = await addContact(id, { contact_name: '版本', position: '初始' });
    const contactId = created.body.data.id;
    const path = `/api/v1/customers/${id}/contacts/${contactId}`;
    const missing = await t.patch(path, { as: 'manager', body: { position: '无头' } });
    expect(missing.status).toBe(428);
    expect(missing.body.error).toBe('precondition.required');

    const etag = created.headers.get('etag')!;
    expect((await t.patch(path, { as: 'manager', body: { position: '第一次' }, headers: { 'If-Match': etag } })).status).toBe(200);
    const stale = await t.patch(path, { as: 'manager', body: { position: '过期' }, headers: { 'If-Match': etag } });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ error: 'precondition.failed', details: { current_version: 2 } });
    const wrongEntity = await t.patch(path, { as: 'manager', body: { position: '错' }, headers: { 'If-Match': `"customer-${id}-v1"` } });
    expect(wrongEntity.status).toBe(412);

    const staleDelete = await t.delete(path, { as: 'manager', headers: { 'If-Match': etag } });
    expect(staleDelete.status).toBe(412);
    expect((await t.get(path, { as: 'manager' })).body.data).toMatchObject({ position: '第一次', version: 2 });
  });
});

describe('missing and archived records', () => {
  it('answers 404 for an unknown customer or contact, and for a contact reached through another customer', async () => {
    const id = await newCustomer(t);
    const other = await newCustomer(t);
    const theirs = await addContact(other, { contact_name: '别家' });
    expect((await t.get('/api/v1/customers/999999999/contacts', { as: 'manager' })).body.error).toBe('customer.not_found');
    expect((await t.get(`/api/v1/customers/${id}/contacts/999999999`, { as: 'manager' })).status).toBe(404);
    const crossed = await t.patch(`/api/v1/customers/${id}/contacts/${theirs.body.data.id}`, { as: 'manager', body: { position: 'x' }, headers: { 'If-Match': '*' } });
    expect(crossed.status).toBe(404);
    expect(crossed.body.error).toBe('contact.not_found');
    expect((await t.delete(`/api/v1/customers/${id}/contacts/${theirs.body.data.id}`, { as: 'manager' })).status).toBe(404);
    expect((await t.post(`/api/v1/customers/${id}/contacts/${theirs.body.data.id}/make-primary`, { as: 'manager' })).status).toBe(404);
    expect(await countContacts(other)).toBe(1);
  });

  it('keeps an archived customer as it was: contact writes answer 409 customer.archived', async () => {
    const id = await newCustomer(t);
    const kept = await addContact(id, { contact_name: '留存' });
    expect((await t.post(`/api/v1/customers/${id}/archive`, { as: 'admin' })).status).toBe(200);
    const res = await addContact(id, { contact_name: '新增' });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('customer.archived');
    expect((await t.delete(`/api/v1/customers/${id}/contacts/${kept.body.data.id}`, { as: 'manager' })).status).toBe(409);
    expect(await countContacts(id)).toBe(1);
  });
});

describe('GET /api/v1/contacts/lookup input', () => {
  it.each([
    ['no channel at all', ''],
    ['a malformed mobile', '?mobile=12345'],
    ['a malformed e-mail', '?email=not-an-email'],
    ['an unknown parameter', '?name=张'],
  ])('refuses %s with 400', async (_label, query) => {
    const res = await t.get(`/api/v1/contacts/lookup${query}`, { as: 'manager' });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('request.invalid');
  });
});
