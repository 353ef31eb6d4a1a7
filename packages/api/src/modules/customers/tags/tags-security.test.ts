import { beforeAll, describe, expect, it } from 'vitest';
import { describeAccessRules, newCustomer, newTag, type TestTenant, useTestTenant } from '../../../test-support/index.ts';

const t = useTestTenant(['manager']);
let otherTenant: TestTenant;
let customerId: number;
let tagId: number;

beforeAll(async () => {
  otherTenant = await t.ctx.createTenant();
  tagId = (await newTag(t, { name: '战略客户' })).id;
  customerId = await newCustomer(t, { customer_name: '标签权限测试公司', tag_ids: [tagId] }, { as: 'manager' });
});

const tagsOfCustomer = async () => (await t.get(`/api/v1/customers/${customerId}`, { as: 'manager' })).body.data.tags.map((t: any) => t.id);

describe('who may change the tag catalogue (tag:write)', () => {
  it.each([
    ['sales', 201],
    ['csm', 403],
    ['support', 403],
    ['analyst', 403],
  ])('%s creating a tag answers %i', async (role, status) => {
    const res = await t.post('/api/v1/tags', { token: await t.tenant.token(role), body: { name: `${role} 的标签` } });
    expect(res.status).toBe(status);
  });

  it('refuses support renaming, deleting or grouping tags, and changes nothing', async () => {
    const support = await t.tenant.token('support');
    expect((await t.patch(`/api/v1/tags/${tagId}`, { token: support, body: { name: '改名' } })).status).toBe(403);
    expect((await t.delete(`/api/v1/tags/${tagId}`, { token: support })).status).toBe(403);
    expect((await t.post('/api/v1/tag-groups', { token: support, body: { name: '分组' } })).status).toBe(403);
    const tags = (await t.get('/api/v1/tags', { token: support })).body.data.items;
    expect(tags.find((t: any) => t.id === tagId)).toMatchObject({ name: '战略客户', customer_count: 1 });
  });
});

describe('who may tag a customer (customer:write)', () => {
  it('lets a CSM tag customers but not support or analysts', async () => {
    for (const role of ['support', 'analyst']) {
      const res = await t.put(`/api/v1/customers/${customerId}/tags`, { token: await t.tenant.token(role), body: { tag_ids: [] } });
      expect(res.status).toBe(403);
    }
    expect(await tagsOfCustomer()).toEqual([tagId]);
    const csm = await t.tenant.token('csm');
    expect((await t.delete(`/api/v1/customers/${customerId}/tags/${tagId}`, { token: csm })).body.data.tags).toEqual([]);
    expect((await t.post(`/api/v1/customers/${customerId}/tags/${tagId}`, { token: csm })).body.data.tags).toHaveLength(1);
  });
});

describe('portal users', () => {
  it('cannot read the tag catalogue nor change their tags', async () => {
    const portal = await t.tenant.token('customer', { customer_id: customerId });
    expect((await t.get('/api/v1/tags', { token: portal })).status).toBe(403);
    expect((await t.get('/api/v1/tag-groups', { token: portal })).status).toBe(403);
    expect((await t.put(`/api/v1/customers/${customerId}/tags`, { token: portal, body: { tag_ids: [] } })).status).toBe(403);
    expect(await tagsOfCustomer()).toEqual([tagId]);
  });
});

describe('tenant isolation', () => {
  it("keeps each tenant's catalogue apart, even with the same tag names", async () => {
    const stranger = await otherTenant.token('admin');
    const same = await t.post('/api/v1/tags', { token: stranger, body: { name: '战略客户' } });
    expect(same.status).toBe(201);
    const listed = (await t.get('/api/v1/tags', { token: stranger })).body.data.items;
    expect(listed.map((t: any) => t.id)).toEqual([same.body.data.id]);
    expect(listed[0]!.customer_count).toBe(0);
  });

  it("answers 404 for another tenant's tag or customer, and changes nothing", async () => {
    const stranger = await otherTenant.token('admin');
    expect((await t.patch(`/api/v1/tags/${tagId}`, { token: stranger, body: { name: '入侵' } })).status).toBe(404);
    expect((await t.delete(`/api/v1/tags/${tagId}`, { token: stranger })).status).toBe(404);
    expect((await t.put(`/api/v1/customers/${customerId}/tags`, { token: stranger, body: { tag_ids: [] } })).status).toBe(404);
    const ownCustomer = await newCustomer(t, { customer_name: '另一租户公司' }, { token: stranger });
    const borrowed = await t.post(`/api/v1/customers/${ownCustomer}/tags/${tagId}`, { token: stranger });
    expect(borrowed.status).toBe(404);
    expect(borrowed.body.error).toBe('tag.not_found');
    expect(await tagsOfCustomer()).toEqual([tagId]);
  });
});

/** After any refusal the catalogue and the customer's tags are as the fixtures left them. */
const catalogueUnchanged = async () => {
  const tag = (await t.get('/api/v1/tags', { as: 'manager' })).body.data.items.find((item) => item.id === tagId);
  expect(tag).toMatchObject({ name: '战略客户', customer_count: 1 });
  expect(await tagsOfCustomer()).toEqual([tagId]);
};
const catalogueWriters = { allowed: 'manager', denied: ['csm', 'support', 'analyst', 'auditor'], unchanged: catalogueUnchanged } as const;
const customerWriters = { allowed: 'manager', denied: ['support', 'analyst', 'auditor'], unchanged: catalogueUnchanged } as const;

describeAccessRules(t, [
  { name: 'list tags', send: (token) => t.get('/api/v1/tags', { token }), allowed: 'manager', denied: [] },
  { name: 'list tag groups', send: (token) => t.get('/api/v1/tag-groups', { token }), allowed: 'manager', denied: [] },
  { name: 'create a tag', send: (token) => t.post('/api/v1/tags', { token, body: { name: '越权标签' } }), ...catalogueWriters },
  { name: 'create a tag group', send: (token) => t.post('/api/v1/tag-groups', { token, body: { name: '越权分组' } }), ...catalogueWriters },
  { name: 'rename a tag', send: (token, id) => t.patch(`/api/v1/tags/${id}`, { token, body: { name: '改名' } }), record: () => tagId, notFound: 'tag.not_found', ...catalogueWriters },
  { name: 'delete a tag', send: (token, id) => t.delete(`/api/v1/tags/${id}`, { token }), record: () => tagId, notFound: 'tag.not_found', ...catalogueWriters },
  { name: "replace a customer's tags", send: (token, id) => t.put(`/api/v1/customers/${id}/tags`, { token, body: { tag_ids: [] } }), record: () => customerId, notFound: 'customer.not_found', ...customerWriters },
  { name: 'tag a customer', send: (token, id) => t.post(`/api/v1/customers/${id}/tags/${tagId}`, { token }), record: () => customerId, notFound: 'customer.not_found', ...customerWriters },
  { name: 'untag a customer', send: (token, id) => t.delete(`/api/v1/customers/${id}/tags/${tagId}`, { token }), record: () => customerId, notFound: 'tag.not_found', ...customerWriters },
]);
