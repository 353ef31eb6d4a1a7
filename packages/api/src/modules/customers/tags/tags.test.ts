import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, events } from '../../../platform/platform.schema.ts';
import { newCustomer, useTestTenant } from '../../../test-support/index.ts';

const t = useTestTenant(['manager', 'admin']);

const newTag = async (body: Record<string, unknown>) => (await t.request('POST', '/api/v1/tags', { as: 'manager', body })).body.data;
const tagNamesOf = async (customerId: number) => (await t.get(`/api/v1/customers/${customerId}`, { as: 'manager' })).body.data.tags.map((t: any) => t.name);

describe('tag groups and tags', () => {
  it('creates a group and a tag in it, and lists both with counts', async () => {
    const group = await t.post('/api/v1/tag-groups', { as: 'manager', body: { name: '风险标签' } });
    expect(group.status).toBe(201);
    expect(group.body).toMatchObject({ code: 201, message: '标签组已创建', data: { name: '风险标签', tag_count: 0 } });
    const tag = await t.post('/api/v1/tags', { as: 'manager', body: { name: '流失风险', group_id: group.body.data.id, color: '#EF4444' } });
    expect(tag.status).toBe(201);
    expect(tag.body.message).toBe('标签已创建');
    expect(tag.body.data).toMatchObject({ name: '流失风险', color: '#ef4444', group_id: group.body.data.id, group_name: '风险标签', customer_count: 0 });

    const groups = await t.get('/api/v1/tag-groups', { as: 'manager' });
    expect(groups.body.data.items.find((g: any) => g.id === group.body.data.id)).toMatchObject({ tag_count: 1 });
    const inGroup = await t.get(`/api/v1/tags?group_id=${group.body.data.id}`, { as: 'manager' });
    expect(inGroup.body.data.items.map((t: any) => t.name)).toEqual(['流失风险']);
  });

  it('gives a tag without a colour the default grey, and finds tags by part of the name', async () => {
    const tag = await newTag({ name: '年度重点客户' });
    expect(tag).toMatchObject({ color: '#64748b', group_id: null, group_name: null });
    const found = await t.get(`/api/v1/tags?q=${encodeURIComponent('重点')}`, { as: 'manager' });
    expect(found.body.data.items.map((t: any) => t.name)).toContain('年度重点客户');
  });

  it('counts customers per tag, leaving archived customers out', async () => {
    const tag = await newTag({ name: '使用统计' });
    const a = await newCustomer(t, { tag_ids: [tag.id] });
    await newCustomer(t, { tag_ids: [tag.id] });
    const countOf = async () => (await t.get(`/api/v1/tags?q=${encodeURIComponent('使用统计')}`, { as: 'manager' })).body.data.items[0]!.customer_count;
    expect(await countOf()).toBe(2);
    await t.post(`/api/v1/customers/${a}/archive`, { as: 'admin' });
    expect(await countOf()).toBe(1);
  });

  it('renames, recolours and ungroups a tag', async () => {
    const group = (await t.post('/api/v1/tag-groups', { as: 'manager', body: { name: '临时分组' } })).body.data;
    const tag = await newTag({ name: '旧名字', group_id: group.id });
    const res = await t.patch(`/api/v1/tags/${tag.id}`, { as: 'manager', body: { name: '新名字', color: '#22c55e', group_id: null } });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('标签已更新');
    expect(res.body.data).toMatchObject({ id: tag.id, name: '新名字', color: '#22c55e', group_id: null });
  });

  it('deletes a tag, takes it off every customer and keeps who had it in the audit log', async () => {
    const tag = await newTag({ name: '即将删除' });
    const customer = await newCustomer(t, { tag_ids: [tag.id] });
    const res = await t.delete(`/api/v1/tags/${tag.id}`, { as: 'manager' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ message: '标签已删除', data: { id: tag.id, customer_count: 1 } });
    expect(await tagNamesOf(customer)).toEqual([]);
    const [entry] = await t.ctx.handle.db.select().from(auditLog).where(and(eq(auditLog.tenant_id, t.tenant.id), eq(auditLog.action, 'tag.deleted'), eq(auditLog.entity_id, String(tag.id))));
    expect(entry?.before).toMatchObject({ name: '即将删除', customer_ids: [customer] });
  });
});

describe('tags on a customer', () => {
  it('replaces the set, adds and removes single tags, and filters the customer list by tag', async () => {
    const vip = await newTag({ name: '客户标签VIP' });
    const risk = await newTag({ name: '客户标签风险' });
    const renewal = await newTag({ name: '客户标签续约' });
    const id = await newCustomer(t, { tag_ids: [vip.id] });

    const replaced = await t.put(`/api/v1/customers/${id}/tags`, { as: 'manager', body: { tag_ids: [risk.id, renewal.id, risk.id] } });
    expect(replaced.status).toBe(200);
    expect(replaced.body.message).toBe('客户标签已更新');
    expect(replaced.body.data.customer_id).toBe(id);
    expect(replaced.body.data.tags).toHaveLength(2);
    expect(replaced.body.data.tags).toEqual(
      expect.arrayContaining([
        { id: risk.id, name: '客户标签风险', color: '#64748b' },
        { id: renewal.id, name: '客户标签续约', color: '#64748b' },
      ]),
    );

    const added = await t.post(`/api/v1/customers/${id}/tags/${vip.id}`, { as: 'manager' });
    expect(added.body.message).toBe('已添加标签');
    expect(added.body.data.tags.map((t: any) => t.id).sort()).toEqual([vip.id, risk.id, renewal.id].sort());
    const twice = await t.post(`/api/v1/customers/${id}/tags/${vip.id}`, { as: 'manager' });
    expect(twice.body.data.tags).toHaveLength(3);

    const removed = await t.delete(`/api/v1/customers/${id}/tags/${risk.id}`, { as: 'manager' });
    expect(removed.body.message).toBe('已移除标签');
    expect(removed.body.data.tags.map((t: any) => t.id).sort()).toEqual([vip.id, renewal.id].sort());
    expect((await t.delete(`/api/v1/customers/${id}/tags/${risk.id}`, { as: 'manager' })).status).toBe(200);

    const filtered = await t.get(`/api/v1/customers?tag_id=${renewal.id}`, { as: 'manager' });
    expect(filtered.body.data.items.map((c: any) => c.id)).toEqual([id]);
    expect((await t.put(`/api/v1/customers/${id}/tags`, { as: 'manager', body: { tag_ids: [] } })).body.data.tags).toEqual([]);
  });

  it('audits and announces what changed, and writes nothing for a no-op', async () => {
    const tag = await newTag({ name: '审计标签' });
    const id = await newCustomer(t);
    await t.post(`/api/v1/customers/${id}/tags/${tag.id}`, { as: 'manager' });
    await t.post(`/api/v1/customers/${id}/tags/${tag.id}`, { as: 'manager' });
    const entries = await t.ctx.handle.db.select().from(auditLog).where(and(eq(auditLog.tenant_id, t.tenant.id), eq(auditLog.action, 'customer.tags_changed'), eq(auditLog.entity_id, String(id))));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ before: { tag_ids: [] }, after: { tag_ids: [tag.id] } });
    const [event] = await t.ctx.handle.db.select().from(events).where(and(eq(events.tenant_id, t.tenant.id), eq(events.type, 'customer.tags_changed'), eq(events.entity_id, String(id))));
    expect(event?.payload).toMatchObject({ added: [tag.id], removed: [] });
  });
});
