import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestContext, type TestContext, type TestTenant } from '../../../test-support/index.ts';

let ctx: TestContext;
let tenant: TestTenant;
let admin: string;
let managerId: number;
const ids: Record<string, number> = {};

const complete = (name: string, manager: number) => ({
  customer_name: name,
  industry: '软件开发',
  address: '北京市海淀区中关村大街1号',
  assigned_manager_id: manager,
  contacts: [{ contact_name: '王总', mobile: '13800138001', is_primary: 1, is_decision_maker: 1 }],
});

async function create(key: string, body: Record<string, unknown>) {
  const res = await call(ctx.app, 'POST', '/api/v1/customers?force=true', { token: admin, body });
  expect(res.status).toBe(200);
  ids[key] = res.body.data.customer_id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  tenant = await ctx.createTenant();
  admin = await tenant.token('admin');
  managerId = await tenant.userIdOf(`mgr@${tenant.code}`);
  await create('complete', complete('完整信息科技有限公司', managerId));
  await create('noDecisionMaker', { ...complete('缺决策人科技有限公司', managerId), contacts: [{ contact_name: '李工', email: 'li@example.com', is_primary: 1 }] });
  await create('noContacts', { customer_name: '无联系人贸易有限公司', industry: '零售', address: '上海市' });
  await create('archived', { customer_name: '已归档空壳有限公司' });
  expect((await call(ctx.app, 'POST', `/api/v1/customers/${ids.archived}/archive`, { token: admin })).status).toBe(200);
  // Another tenant's incomplete customers must never count here.
  const other = await ctx.createTenant();
  await call(ctx.app, 'POST', '/api/v1/customers', { token: await other.token('admin'), body: { customer_name: '别家公司有限公司' } });
});
afterAll(() => ctx.close());

describe('GET /api/v1/customers/completeness', () => {
  it('summarises active customers against the 95% key-information target', async () => {
    const res = await call(ctx.app, 'GET', '/api/v1/customers/completeness', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.code).toBe(200);
    const summary = res.body.data;
    expect(summary).toMatchObject({ total: 3, complete: 1, incomplete: 2, complete_percentage: 33.3, target_percentage: 95, meets_target: false });
    expect(summary.average_score).toBeGreaterThan(0);
    const count = (key: string) => summary.missing.find((m: { key: string }) => m.key === key);
    expect(count('decision_maker')).toEqual({ key: 'decision_maker', count: 2, key_information: true });
    expect(count('primary_contact')).toMatchObject({ count: 1, key_information: true });
    expect(count('assigned_manager')).toMatchObject({ count: 1 });
    expect(count('website')).toMatchObject({ count: 3, key_information: false });
  });

  it('filters by manager, and follows the data scope of a 客户经理 and a portal user', async () => {
    const byManager = await call(ctx.app, 'GET', `/api/v1/customers/completeness?manager_id=${managerId}`, { token: admin });
    expect(byManager.body.data).toMatchObject({ total: 2, complete: 1, complete_percentage: 50 });

    await tenant.setSettings({ manager_data_scope: 'assigned' });
    const otherManager = await tenant.token('manager', { username: `other-mgr@${tenant.code}` });
    expect((await call(ctx.app, 'GET', '/api/v1/customers/completeness', { token: otherManager })).body.data).toMatchObject({ total: 0, complete_percentage: 100 });
    await tenant.setSettings({ manager_data_scope: 'all' });

    // Completeness is the provider's data-quality KPI: a portal user is refused it, even for its own company.
    const portal = await tenant.token('customer', { customer_id: ids.noContacts });
    expect((await call(ctx.app, 'GET', '/api/v1/customers/completeness', { token: portal })).status).toBe(403);
  });

  it('refuses anonymous callers and unknown parameters', async () => {
    expect((await call(ctx.app, 'GET', '/api/v1/customers/completeness')).status).toBe(401);
    const res = await call(ctx.app, 'GET', '/api/v1/customers/completeness?manager=1', { token: admin });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('request.invalid');
  });
});

describe('GET /api/v1/customers/completeness/gaps', () => {
  it('lists customers missing key contact information, least complete first, with what is missing', async () => {
    const res = await call(ctx.app, 'GET', '/api/v1/customers/completeness/gaps', { token: admin });
    expect(res.status).toBe(200);
    const items = res.body.data.items;
    expect(items.map((i: { customer_id: number }) => i.customer_id)).toEqual([ids.noContacts, ids.noDecisionMaker]);
    expect(items[0].completeness_score).toBeLessThanOrEqual(items[1].completeness_score);
    expect(items[0].missing_key_information).toEqual(expect.arrayContaining(['primary_contact', 'decision_maker', 'reachable_contact', 'assigned_manager']));
    expect(items[0].missing).toEqual(expect.arrayContaining(['website']));
    expect(items[1]).toMatchObject({ primary_contact_name: '李工', assigned_manager_id: managerId, assigned_manager_name: `mgr@${tenant.code}` });
    expect(items[1].missing_key_information).toEqual(['decision_maker', 'decision_maker_reachable']);
    expect(res.body.data.next_cursor).toBeNull();
  });

  it('filters by one missing key and by manager', async () => {
    const noPrimary = await call(ctx.app, 'GET', '/api/v1/customers/completeness/gaps?missing=primary_contact', { token: admin });
    expect(noPrimary.body.data.items.map((i: { customer_id: number }) => i.customer_id)).toEqual([ids.noContacts]);
    const mine = await call(ctx.app, 'GET', `/api/v1/customers/completeness/gaps?missing=any&manager_id=${managerId}`, { token: admin });
    expect(mine.body.data.items.map((i: { customer_id: number }) => i.customer_id)).toEqual([ids.noDecisionMaker]);
  });

  it('pages with a keyset cursor, without repeats or gaps', async () => {
    const first = await call(ctx.app, 'GET', '/api/v1/customers/completeness/gaps?limit=1', { token: admin });
    expect(first.body.data.items).toHaveLength(1);
    expect(first.body.data.next_cursor).toEqual(expect.any(String));
    const second = await call(ctx.app, 'GET', `/api/v1/customers/completeness/gaps?limit=1&cursor=${first.body.data.next_cursor}`, { token: admin });
    expect(second.body.data.items.map((i: { customer_id: number }) => i.customer_id)).toEqual([ids.noDecisionMaker]);
    expect(second.body.data.next_cursor).toBeNull();
  });

  it('rejects an unknown key and a forged cursor', async () => {
    const unknown = await call(ctx.app, 'GET', '/api/v1/customers/completeness/gaps?missing=favourite_colour', { token: admin });
    expect(unknown.status).toBe(400);
    const forged = await call(ctx.app, 'GET', '/api/v1/customers/completeness/gaps?cursor=bm90LWpzb24', { token: admin, headers: { 'Accept-Language': 'en' } });
    expect(forged.status).toBe(400);
    expect(forged.body).toMatchObject({ error: 'request.cursor_invalid', message: 'The pagination cursor is invalid' });
    const wrongShape = Buffer.from(JSON.stringify(['x', 1])).toString('base64url');
    expect((await call(ctx.app, 'GET', `/api/v1/customers/completeness/gaps?cursor=${wrongShape}`, { token: admin })).status).toBe(400);
  });

  it('shows a portal user no gaps, not even its own', async () => {
    const portal = await tenant.token('customer', { customer_id: ids.noContacts });
    const res = await call(ctx.app, 'GET', '/api/v1/customers/completeness/gaps?missing=any', { token: portal });
    expect(res.status).toBe(403);
    expect(res.body.data).toBeUndefined();
  });
});
