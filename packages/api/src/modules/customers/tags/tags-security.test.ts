import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestContext, type TestContext, type TestTenant } from '../../../test-support/index.ts';

let ctx: TestContext;
let tenant: TestTenant;
let otherTenant: TestTenant;
let manager: string;
let customerId: number;
let tagId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  tenant = await ctx.createTenant();
  otherTenant = await ctx.createTenant();
  manager = await tenant.token('manager');
  tagId = (await call(ctx.app, 'POST', '/api/v1/tags', { token: manager, body: { name: '战略客户' } })).body.data.id;
  customerId = (await call(ctx.app, 'POST', '/api/v1/customers?force=true', { token: manager, body: { customer_name: '标签权限测试公司', tag_ids: [tagId] } })).body.data.customer_id;
});
afterAll(() => ctx.close());

const tagsOfCustomer = async () => (await call(ctx.app, 'GET', `/api/v1/customers/${customerId}`, { token: manager })).body.data.tags.map((t: any) => t.id);

describe('who may change the tag catalogue (tag:write)', () => {
  it.each([
    ['sales', 201],
    ['csm', 403],
    ['support', 403],
    ['analyst', 403],
  ])('%s creating a tag answers %i', async (role, status) => {
    const res = await call(ctx.app, 'POST', '/api/v1/tags', { token: await tenant.token(role), body: { name: `${role} 的标签` } });
    expect(res.status).toBe(status);
  });

  it('refuses support renaming, deleting or grouping tags, and changes nothing', async () => {
    const support = await tenant.token('support');
    expect((await call(ctx.app, 'PATCH', `/api/v1/tags/${tagId}`, { token: support, body: { name: '改名' } })).status).toBe(403);
    expect((await call(ctx.app, 'DELETE', `/api/v1/tags/${tagId}`, { token: support })).status).toBe(403);
    expect((await call(ctx.app, 'POST', '/api/v1/tag-groups', { token: support, body: { name: '分组' } })).status).toBe(403);
    const tags = (await call(ctx.app, 'GET', '/api/v1/tags', { token: support })).body.data.items;
    expect(tags.find((t: any) => t.id === tagId)).toMatchObject({ name: '战略客户', customer_count: 1 });
  });
});

describe('who may tag a customer (customer:write)', () => {
  it('lets a CSM tag customers but not support or analysts', async () => {
    for (const role of ['support', 'analyst']) {
      const res = await call(ctx.app, 'PUT', `/api/v1/customers/${customerId}/tags`, { token: await tenant.token(role), body: { tag_ids: [] } });
      expect(res.status).toBe(403);
    }
    expect(await tagsOfCustomer()).toEqual([tagId]);
    const csm = await tenant.token('csm');
    expect((await call(ctx.app, 'DELETE', `/api/v1/customers/${customerId}/tags/${tagId}`, { token: csm })).body.data.tags).toEqual([]);
    expect((await call(ctx.app, 'POST', `/api/v1/customers/${customerId}/tags/${tagId}`, { token: csm })).body.data.tags).toHaveLength(1);
  });
});

describe('portal users', () => {
  it('cannot read the tag catalogue nor change their tags', async () => {
    const portal = await tenant.token('customer', { customer_id: customerId });
    expect((await call(ctx.app, 'GET', '/api/v1/tags', { token: portal })).status).toBe(403);
    expect((await call(ctx.app, 'GET', '/api/v1/tag-groups', { token: portal })).status).toBe(403);
    expect((await call(ctx.app, 'PUT', `/api/v1/customers/${customerId}/tags`, { token: portal, body: { tag_ids: [] } })).status).toBe(403);
    expect(await tagsOfCustomer()).toEqual([tagId]);
  });
});

describe('tenant isolation', () => {
  it("keeps each tenant's catalogue apart, even with the same tag names", async () => {
    const stranger = await otherTenant.token('admin');
    const same = await call(ctx.app, 'POST', '/api/v1/tags', { token: stranger, body: { name: '战略客户' } });
    expect(same.status).toBe(201);
    const listed = (await call(ctx.app, 'GET', '/api/v1/tags', { token: stranger })).body.data.items;
    expect(listed.map((t: any) => t.id)).toEqual([same.body.data.id]);
    expect(listed[0].customer_count).toBe(0);
  });

  it("answers 404 for another tenant's tag or customer, and changes nothing", async () => {
    const stranger = await otherTenant.token('admin');
    expect((await call(ctx.app, 'PATCH', `/api/v1/tags/${tagId}`, { token: stranger, body: { name: '入侵' } })).status).toBe(404);
    expect((await call(ctx.app, 'DELETE', `/api/v1/tags/${tagId}`, { token: stranger })).status).toBe(404);
    expect((await call(ctx.app, 'PUT', `/api/v1/customers/${customerId}/tags`, { token: stranger, body: { tag_ids: [] } })).status).toBe(404);
    const ownCustomer = (await call(ctx.app, 'POST', '/api/v1/customers?force=true', { token: stranger, body: { customer_name: '另一租户公司' } })).body.data.customer_id;
    const borrowed = await call(ctx.app, 'POST', `/api/v1/customers/${ownCustomer}/tags/${tagId}`, { token: stranger });
    expect(borrowed.status).toBe(404);
    expect(borrowed.body.error).toBe('tag.not_found');
    expect(await tagsOfCustomer()).toEqual([tagId]);
  });
});
