import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  const res = await call(ctx.app, 'POST', '/api/v1/customers?force=true', { token: manager, body: { customer_name: `标签异常测试${++counter}号有限公司`, ...body } });
  return res.body.data.customer_id;
}
const newTag = async (name: string) => (await call(ctx.app, 'POST', '/api/v1/tags', { token: manager, body: { name } })).body.data;
const tagIdsOf = async (customerId: number) => (await call(ctx.app, 'GET', `/api/v1/customers/${customerId}`, { token: manager })).body.data.tags.map((t: any) => t.id);
const allTags = async () => (await call(ctx.app, 'GET', '/api/v1/tags', { token: manager })).body.data.items;

describe('invalid tag input', () => {
  it.each([
    ['a colour that is not #rrggbb', { name: '颜色', color: 'red' }, 'color'],
    ['a short hex colour', { name: '颜色', color: '#f00' }, 'color'],
    ['a name longer than 50 characters', { name: '长'.repeat(51) }, 'name'],
    ['an empty name', { name: '' }, 'name'],
    ['an unknown field', { name: '多余', weight: 3 }, ''],
  ])('refuses %s with 400 and creates nothing', async (_label, body, path) => {
    const before = (await allTags()).length;
    const res = await call(ctx.app, 'POST', '/api/v1/tags', { token: manager, body });
    expect(res.status).toBe(400);
    expect(res.body.details.issues.map((i: any) => i.path)).toContain(path);
    expect((await allTags()).length).toBe(before);
  });

  it('refuses an invalid colour or unknown field on PATCH too', async () => {
    const tag = await newTag('补丁校验');
    expect((await call(ctx.app, 'PATCH', `/api/v1/tags/${tag.id}`, { token: manager, body: { color: 'blue' } })).status).toBe(400);
    expect((await call(ctx.app, 'PATCH', `/api/v1/tags/${tag.id}`, { token: manager, body: { label: 'x' } })).status).toBe(400);
  });

  it('refuses more than 50 tags on one customer', async () => {
    const id = await newCustomer();
    const res = await call(ctx.app, 'PUT', `/api/v1/customers/${id}/tags`, { token: manager, body: { tag_ids: Array.from({ length: 51 }, (_, i) => i + 1) } });
    expect(res.status).toBe(400);
  });
});

describe('duplicates', () => {
  it('refuses a second tag with the same name with 409 naming the existing tag', async () => {
    const first = await newTag('唯一名称');
    const res = await call(ctx.app, 'POST', '/api/v1/tags', { token: manager, body: { name: '唯一名称', color: '#000000' } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: 'tag.duplicate', message: '标签已存在', details: { id: first.id } });
    expect((await allTags()).filter((t: any) => t.name === '唯一名称')).toHaveLength(1);
  });

  it('refuses renaming a tag to a name in use, but lets a tag keep its own name', async () => {
    await newTag('已占用');
    const tag = await newTag('待改名');
    expect((await call(ctx.app, 'PATCH', `/api/v1/tags/${tag.id}`, { token: manager, body: { name: '已占用' } })).status).toBe(409);
    expect((await call(ctx.app, 'PATCH', `/api/v1/tags/${tag.id}`, { token: manager, body: { name: '待改名', color: '#111111' } })).status).toBe(200);
  });

  it('refuses a second tag group with the same name', async () => {
    await call(ctx.app, 'POST', '/api/v1/tag-groups', { token: manager, body: { name: '行业' } });
    const res = await call(ctx.app, 'POST', '/api/v1/tag-groups', { token: manager, body: { name: '行业' } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: 'tag_group.duplicate', message: '标签组已存在' });
  });
});

describe('missing records', () => {
  it('answers 404 for an unknown group, tag or customer, changing nothing', async () => {
    const noGroup = await call(ctx.app, 'POST', '/api/v1/tags', { token: manager, body: { name: '无组', group_id: 999999999 } });
    expect(noGroup.status).toBe(404);
    expect(noGroup.body.error).toBe('tag_group.not_found');
    expect((await call(ctx.app, 'PATCH', '/api/v1/tags/999999999', { token: manager, body: { name: 'x' } })).body.error).toBe('tag.not_found');
    expect((await call(ctx.app, 'DELETE', '/api/v1/tags/999999999', { token: manager })).status).toBe(404);
    expect((await call(ctx.app, 'PUT', '/api/v1/customers/999999999/tags', { token: manager, body: { tag_ids: [] } })).body.error).toBe('customer.not_found');
  });

  it("refuses a customer's tag set naming a tag that does not exist, and keeps the old set", async () => {
    const kept = await newTag('保持不变');
    const id = await newCustomer({ tag_ids: [kept.id] });
    const res = await call(ctx.app, 'PUT', `/api/v1/customers/${id}/tags`, { token: manager, body: { tag_ids: [kept.id, 999999999] } });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: 'tag.not_found', details: { tag_ids: [999999999] } });
    expect((await call(ctx.app, 'POST', `/api/v1/customers/${id}/tags/999999998`, { token: manager })).status).toBe(404);
    expect((await call(ctx.app, 'DELETE', `/api/v1/customers/${id}/tags/999999998`, { token: manager })).status).toBe(404);
    expect(await tagIdsOf(id)).toEqual([kept.id]);
  });

  it('keeps the tags of an archived customer as they were (409)', async () => {
    const tag = await newTag('归档标签');
    const id = await newCustomer();
    await call(ctx.app, 'POST', `/api/v1/customers/${id}/archive`, { token: await tenant.token('admin') });
    const res = await call(ctx.app, 'POST', `/api/v1/customers/${id}/tags/${tag.id}`, { token: manager });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('customer.archived');
  });
});
