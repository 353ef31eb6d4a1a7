import { describe, expect, it } from 'vitest';
import { newCustomer, useTestTenant } from '../../../test-support/index.ts';

const t = useTestTenant(['manager']);

const newTag = async (name: string) => (await t.post('/api/v1/tags', { as: 'manager', body: { name } })).body.data;
const tagIdsOf = async (customerId: number) => (await t.get(`/api/v1/customers/${customerId}`, { as: 'manager' })).body.data.tags.map((t: any) => t.id);
const allTags = async () => (await t.get('/api/v1/tags', { as: 'manager' })).body.data.items;

describe('invalid tag input', () => {
  it.each([
    ['a colour that is not #rrggbb', { name: '颜色', color: 'red' }, 'color'],
    ['a short hex colour', { name: '颜色', color: '#f00' }, 'color'],
    ['a name longer than 50 characters', { name: '长'.repeat(51) }, 'name'],
    ['an empty name', { name: '' }, 'name'],
    ['an unknown field', { name: '多余', weight: 3 }, ''],
  ])('refuses %s with 400 and creates nothing', async (_label, body, path) => {
    const before = (await allTags()).length;
    const res = await t.post('/api/v1/tags', { as: 'manager', body });
    expect(res.status).toBe(400);
    expect(res.body.details.issues.map((i: any) => i.path)).toContain(path);
    expect((await allTags()).length).toBe(before);
  });

  it('refuses an invalid colour or unknown field on PATCH too', async () => {
    const tag = await newTag('补丁校验');
    expect((await t.patch(`/api/v1/tags/${tag.id}`, { as: 'manager', body: { color: 'blue' } })).status).toBe(400);
    expect((await t.patch(`/api/v1/tags/${tag.id}`, { as: 'manager', invalidBody: { label: 'x' } })).status).toBe(400);
  });

  it('refuses more than 50 tags on one customer', async () => {
    const id = await newCustomer(t);
    const res = await t.put(`/api/v1/customers/${id}/tags`, { as: 'manager', body: { tag_ids: Array.from({ length: 51 }, (_, i) => i + 1) } });
    expect(res.status).toBe(400);
  });
});

describe('duplicates', () => {
  it('refuses a second tag with the same name with 409 naming the existing tag', async () => {
    const first = await newTag('唯一名称');
    const res = await t.post('/api/v1/tags', { as: 'manager', body: { name: '唯一名称', color: '#000000' } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: 'tag.duplicate', message: '标签已存在', details: { id: first.id } });
    expect((await allTags()).filter((t: any) => t.name === '唯一名称')).toHaveLength(1);
  });

  it('refuses renaming a tag to a name in use, but lets a tag keep its own name', async () => {
    await newTag('已占用');
    const tag = await newTag('待改名');
    expect((await t.patch(`/api/v1/tags/${tag.id}`, { as: 'manager', body: { name: '已占用' } })).status).toBe(409);
    expect((await t.patch(`/api/v1/tags/${tag.id}`, { as: 'manager', body: { name: '待改名', color: '#111111' } })).status).toBe(200);
  });

  it('refuses a second tag group with the same name', async () => {
    await t.post('/api/v1/tag-groups', { as: 'manager', body: { name: '行业' } });
    const res = await t.post('/api/v1/tag-groups', { as: 'manager', body: { name: '行业' } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: 'tag_group.duplicate', message: '标签组已存在' });
  });
});

describe('missing records', () => {
  it('answers 404 for an unknown group, tag or customer, changing nothing', async () => {
    const noGroup = await t.post('/api/v1/tags', { as: 'manager', body: { name: '无组', group_id: 999999999 } });
    expect(noGroup.status).toBe(404);
    expect(noGroup.body.error).toBe('tag_group.not_found');
    expect((await t.patch('/api/v1/tags/999999999', { as: 'manager', body: { name: 'x' } })).body.error).toBe('tag.not_found');
    expect((await t.delete('/api/v1/tags/999999999', { as: 'manager' })).status).toBe(404);
    expect((await t.put('/api/v1/customers/999999999/tags', { as: 'manager', body: { tag_ids: [] } })).body.error).toBe('customer.not_found');
  });

  it("refuses a customer's tag set naming a tag that does not exist, and keeps the old set", async () => {
    const kept = await newTag('保持不变');
    const id = await newCustomer(t, { tag_ids: [kept.id] });
    const res = await t.put(`/api/v1/customers/${id}/tags`, { as: 'manager', body: { tag_ids: [kept.id, 999999999] } });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: 'tag.not_found', details: { tag_ids: [999999999] } });
    expect((await t.post(`/api/v1/customers/${id}/tags/999999998`, { as: 'manager' })).status).toBe(404);
    expect((await t.delete(`/api/v1/customers/${id}/tags/999999998`, { as: 'manager' })).status).toBe(404);
    expect(await tagIdsOf(id)).toEqual([kept.id]);
  });

  it('keeps the tags of an archived customer as they were (409)', async () => {
    const tag = await newTag('归档标签');
    const id = await newCustomer(t);
    await t.post(`/api/v1/customers/${id}/archive`, { token: await t.tenant.token('admin') });
    const res = await t.post(`/api/v1/customers/${id}/tags/${tag.id}`, { as: 'manager' });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('customer.archived');
  });
});
