import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../../platform/identity/users.schema.ts';
import { customerMerges, customers } from '../customers/customers.schema.ts';
import { normaliseCustomerName } from '../customers/customer-name.ts';
import { auditLog, events } from '../../../platform/platform.schema.ts';
import { useTestTenant } from '../../../test-support/index.ts';
import { mergeFixtures } from './customer-merge.fixtures.ts';

const t = useTestTenant(['admin']);
let fx: ReturnType<typeof mergeFixtures>;
const ids: Record<string, number> = {};

beforeAll(async () => {
  fx = mergeFixtures(t.ctx, t.tenant, t.as.admin);
  ids.survivor = await fx.customer({
    customer_name: '蓝海科技有限公司',
    address: '北京市海淀区',
    website: 'https://www.lanhai.com',
    contacts: [{ contact_name: '张总', mobile: '13800000001', is_primary: 1, is_decision_maker: 1 }],
  });
  ids.merged = await fx.customer({
    customer_name: '蓝海科技（中国）有限公司',
    industry: '软件开发',
    address: '上海市浦东新区',
    level: 3,
    contacts: [
      { contact_name: '李经理', mobile: '13800000002', is_primary: 1 },
      { contact_name: '王工', email: 'wang@lanhai.cn' },
    ],
  });
  ids.child = await fx.customer({ customer_name: '蓝海科技深圳子公司', parent_customer_id: ids.merged });
  const [t1, t2, t3] = [await fx.tag('重点'), await fx.tag('华北'), await fx.tag('续约中')];
  await fx.tagCustomer(ids.survivor, [t1!, t2!]);
  await fx.tagCustomer(ids.merged, [t2!, t3!]);
  ids.tags = 3;
  await fx.department(ids.survivor, '技术部');
  await fx.department(ids.merged, '技术部');
  await fx.placeContact(ids.merged, '王工', await fx.department(ids.merged, '信息中心'));
  await t.tenant.token('customer', { customer_id: ids.merged, username: `portal@${t.tenant.code}` });
});

describe('POST /api/v1/customers/merge/preview', () => {
  it('shows both records, what differs, what moves and the warnings, and changes nothing', async () => {
    const res = await t.request('POST', '/api/v1/customers/merge/preview', { as: 'admin', body: { survivor_id: ids.survivor, merged_id: ids.merged } });
    expect(res.status).toBe(200);
    const preview = res.body.data;
    expect(preview.survivor).toMatchObject({ id: ids.survivor, version: 1, values: { customer_name: '蓝海科技有限公司', industry: null } });
    expect(preview.merged.contacts.map((c: { contact_name: string }) => c.contact_name)).toEqual(['李经理', '王工']);
    const field = (name: string) => preview.fields.find((f: { field: string }) => f.field === name);
    expect(field('industry')).toMatchObject({ survivor_value: null, merged_value: '软件开发', differs: true, default_choice: 'merged' });
    expect(field('address')).toMatchObject({ differs: true, default_choice: 'survivor' });
    expect(field('customer_type')).toMatchObject({ differs: false });
    expect(preview.resolved).toMatchObject({ customer_name: '蓝海科技有限公司', industry: '软件开发', address: '北京市海淀区', level: 1 });
    expect(preview.moves).toEqual({ contacts: 2, departments: 2, tags: 1, duplicate_tags: 1, subsidiaries: 1, portal_users: 1, previous_merges: 0, other_references: [] });
    expect(preview.warnings.map((w: { code: string }) => w.code)).toEqual(['primary_contact_dropped', 'department_names_overlap', 'portal_users_moved']);
    expect(preview.warnings[0]).toMatchObject({ blocking: false, message: expect.stringContaining('主要联系人') });
    expect(preview.can_merge).toBe(true);
    expect(preview.completeness_after.missing).not.toContain('industry');

    const english = await t.request('POST', '/api/v1/customers/merge/preview', { as: 'admin', body: { survivor_id: ids.survivor, merged_id: ids.merged, field_choices: { level: 'merged' } }, headers: { 'Accept-Language': 'en' } });
    expect(english.body.data.resolved.level).toBe(3);
    expect(english.body.data.warnings[0].message).toMatch(/primary contact/);

    const merged = await t.request('GET', `/api/v1/customers/${ids.merged}`, { as: 'admin' });
    expect(merged.body.data).toMatchObject({ archived_at: null, version: 1 });
    expect(merged.body.data.contacts).toHaveLength(2);
  });
});

describe('POST /api/v1/customers/merge', () => {
  let result: Record<string, any>;

  beforeAll(async () => {
    const res = await t.request('POST', '/api/v1/customers/merge', {
      token: t.as.admin,
      body: { survivor_id: ids.survivor, merged_id: ids.merged, survivor_version: 1, merged_version: 1, field_choices: { address: 'merged' } },
    });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('客户已合并');
    expect(res.headers.get('etag')).toBe(`"customer-${ids.survivor}-v2"`);
    result = res.body.data;
  });

  it('moves contacts (one primary left), departments, tags without duplicates, and applies the chosen values', () => {
    const survivor = result.survivor;
    expect(survivor).toMatchObject({ id: ids.survivor, industry: '软件开发', address: '上海市浦东新区', customer_name: '蓝海科技有限公司', version: 2, archived_at: null });
    expect(survivor.contacts.map((c: { contact_name: string; is_primary: number }) => [c.contact_name, c.is_primary])).toEqual([['张总', 1], ['李经理', 0], ['王工', 0]]);
    expect(survivor.departments.map((d: { name: string }) => d.name).sort()).toEqual(['信息中心', '技术部', '技术部']);
    expect(survivor.tags.map((t: { name: string }) => t.name).sort()).toEqual(['华北', '续约中', '重点']);
    expect(survivor.completeness.missing).not.toContain('industry');
    expect(result).toMatchObject({ merged_id: ids.merged, moves: { contacts: 2, departments: 2, tags: 1, duplicate_tags: 1, subsidiaries: 1, portal_users: 1 } });
    expect(result.field_choices).toMatchObject({ address: 'merged', industry: 'merged', customer_name: 'survivor' });
    expect(result.merged_code).toMatch(/^CUST/);
  });

  it('archives the merged customer but keeps it, and re-points subsidiaries and portal users', async () => {
    const merged = await t.request('GET', `/api/v1/customers/${ids.merged}`, { as: 'admin' });
    expect(merged.status).toBe(200);
    expect(merged.body.data).toMatchObject({ customer_code: result.merged_code, archived_at: expect.any(String), contacts: [], tags: [], departments: [] });
    const byCode = await t.request('GET', `/api/v1/customers?q=${result.merged_code}&archived=all`, { as: 'admin' });
    expect(byCode.body.data.items.map((c: { id: number }) => c.id)).toEqual([ids.merged]);
    const child = await t.request('GET', `/api/v1/customers/${ids.child}`, { as: 'admin' });
    expect(child.body.data.parent_customer_id).toBe(ids.survivor);
    const [portal] = await t.ctx.handle.db.select().from(users).where(eq(users.username, `portal@${t.tenant.code}`));
    expect(portal!.customer_id).toBe(ids.survivor);
  });

  it('records the merge, audits both customers without contact details, and emits customer.merged', async () => {
    const db = t.ctx.handle.db;
    const [record] = await db.select().from(customerMerges).where(eq(customerMerges.tenant_id, t.tenant.id));
    expect(record).toMatchObject({ id: result.merge_id, survivor_id: ids.survivor, merged_id: ids.merged, merged_name: '蓝海科技（中国）有限公司' });
    expect(JSON.parse(record!.field_choices)).toMatchObject({ address: 'merged' });
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.tenant_id, t.tenant.id), sql`${auditLog.action} like 'customer.merged%'`));
    const merged = audits.find((a) => a.action === 'customer.merged')!;
    expect(merged.entity_id).toBe(String(ids.survivor));
    expect(merged.before).toMatchObject({ survivor: { version: 1, industry: null }, merged: { archived_at: null } });
    expect(merged.after).toMatchObject({ survivor: { version: 2, industry: '软件开发' }, merged: { archived_at: expect.any(String) }, merge_id: result.merge_id });
    expect(audits.find((a) => a.action === 'customer.merged_into')).toMatchObject({ entity_id: String(ids.merged) });
    expect(JSON.stringify(audits)).not.toMatch(/1380000000|wang@lanhai/);
    const [event] = await db.select().from(events).where(and(eq(events.tenant_id, t.tenant.id), eq(events.type, 'customer.merged')));
    expect(event!.payload).toMatchObject({ survivor_id: ids.survivor, merged_id: ids.merged, merge_id: result.merge_id });
    const verify = await t.request('GET', '/api/v1/audit-log/verify', { as: 'admin' });
    expect(verify.body.data.valid).toBe(true);
  });

  it('recomputes search keys when the merged name is chosen, and chains earlier merges to the new survivor', async () => {
    const keeper = await fx.customer({ customer_name: '远航物流集团', website: 'yuanhang.com' });
    const result2 = await t.request('POST', '/api/v1/customers/merge', {
      token: t.as.admin,
      body: { survivor_id: keeper, merged_id: ids.survivor, survivor_version: 1, merged_version: 2, field_choices: { customer_name: 'merged', website: 'merged' } },
    });
    expect(result2.status).toBe(200);
    const [row] = await t.ctx.handle.db.select().from(customers).where(and(eq(customers.tenant_id, t.tenant.id), eq(customers.id, keeper)));
    expect(row).toMatchObject({ customer_name: '蓝海科技有限公司', name_normalized: normaliseCustomerName('蓝海科技有限公司'), website_domain: 'lanhai.com' });
    expect(row!.name_pinyin).toContain('lhkj');
    const found = await t.request('GET', '/api/v1/customers?q=lhkj', { as: 'admin' });
    const foundIds = found.body.data.items.map((c: { id: number }) => c.id);
    expect(foundIds).toContain(keeper);
    expect(foundIds).not.toContain(ids.survivor);
    const merges = await t.ctx.handle.db.select().from(customerMerges).where(eq(customerMerges.tenant_id, t.tenant.id));
    expect(merges.map((m) => [m.merged_id, m.survivor_id]).sort()).toEqual([[ids.merged, keeper], [ids.survivor, keeper]].sort());
    expect(result2.body.data.moves.previous_merges).toBe(1);
  });
});
