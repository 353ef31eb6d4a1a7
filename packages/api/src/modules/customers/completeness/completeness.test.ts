import { beforeAll, describe, expect, it } from 'vitest';
import { newCustomer, useTestTenant } from '../../../test-support/index.ts';

const t = useTestTenant(['admin']);
let managerId: number;
const ids: Record<string, number> = {};

const complete = (name: string, manager: number) => ({
  customer_name: name,
  industry: '软件开发',
  address: '北京市海淀区中关村大街1号',
  assigned_manager_id: manager,
  contacts: [{ contact_name: '王总', mobile: '13800138001', is_primary: 1 as const, is_decision_maker: 1 as const }],
});

async function create(key: string, body: Parameters<typeof newCustomer>[1]) {
  ids[key] = await newCustomer(t, body, { as: 'admin' });
}

beforeAll(async () => {
  managerId = await t.tenant.userIdOf(`mgr@${t.tenant.code}`);
  await create('complete', complete('完整信息科技有限公司', managerId));
  await create('noDecisionMaker', { ...complete('缺决策人科技有限公司', managerId), contacts: [{ contact_name: '李工', email: 'li@example.com', is_primary: 1 }] });
  await create('noContacts', { customer_name: '无联系人贸易有限公司', industry: '零售', address: '上海市' });
  await create('archived', { customer_name: '已归档空壳有限公司' });
  expect((await t.post(`/api/v1/customers/${ids.archived}/archive`, { as: 'admin' })).status).toBe(200);
  // Another tenant's incomplete customers must never count here.
  const other = await t.ctx.createTenant();
  await t.post('/api/v1/customers', { token: await other.token('admin'), body: { customer_name: '别家公司有限公司' } });
});

describe('GET /api/v1/customers/completeness', () => {
  it('summarises active customers against the 95% key-information target', async () => {
    const res = await t.get('/api/v1/customers/completeness', { as: 'admin' });
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
    const byManager = await t.get(`/api/v1/customers/completeness?manager_id=${managerId}`, { as: 'admin' });
    expect(byManager.body.data).toMatchObject({ total: 2, complete: 1, complete_percentage: 50 });

    await t.tenant.setSettings({ manager_data_scope: 'assigned' });
    const otherManager = await t.tenant.token('manager', { username: `other-mgr@${t.tenant.code}` });
    expect((await t.get('/api/v1/customers/completeness', { token: otherManager })).body.data).toMatchObject({ total: 0, complete_percentage: 100 });
    await t.tenant.setSettings({ manager_data_scope: 'all' });

    // Completeness is the provider's data-quality KPI: a portal user is refused it, even for its own company.
    const portal = await t.tenant.token('customer', { customer_id: ids.noContacts });
    expect((await t.get('/api/v1/customers/completeness', { token: portal })).status).toBe(403);
  });

  it('refuses anonymous callers and unknown parameters', async () => {
    expect((await t.get('/api/v1/customers/completeness')).status).toBe(401);
    const res = await t.get('/api/v1/customers/completeness?manager=1', { as: 'admin' });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('request.invalid');
  });
});

describe('GET /api/v1/customers/completeness/gaps', () => {
  it('lists customers missing key contact information, least complete first, with what is missing', async () => {
    const res = await t.get('/api/v1/customers/completeness/gaps', { as: 'admin' });
    expect(res.status).toBe(200);
    const items = res.body.data.items;
    expect(items.map((i: { customer_id: number }) => i.customer_id)).toEqual([ids.noContacts, ids.noDecisionMaker]);
    expect(items[0]!.completeness_score).toBeLessThanOrEqual(items[1]!.completeness_score);
    expect(items[0]!.missing_key_information).toEqual(expect.arrayContaining(['primary_contact', 'decision_maker', 'reachable_contact', 'assigned_manager']));
    expect(items[0]!.missing).toEqual(expect.arrayContaining(['website']));
    expect(items[1]).toMatchObject({ primary_contact_name: '李工', assigned_manager_id: managerId, assigned_manager_name: `mgr@${t.tenant.code}` });
    expect(items[1]!.missing_key_information).toEqual(['decision_maker', 'decision_maker_reachable']);
    expect(res.body.data.next_cursor).toBeNull();
  });

  it('filters by one missing key and by manager', async () => {
    const noPrimary = await t.get('/api/v1/customers/completeness/gaps?missing=primary_contact', { as: 'admin' });
    expect(noPrimary.body.data.items.map((i: { customer_id: number }) => i.customer_id)).toEqual([ids.noContacts]);
    const mine = await t.get(`/api/v1/customers/completeness/gaps?missing=any&manager_id=${managerId}`, { as: 'admin' });
    expect(mine.body.data.items.map((i: { customer_id: number }) => i.customer_id)).toEqual([ids.noDecisionMaker]);
  });

  it('pages with a keyset cursor, without repeats or gaps', async () => {
    const first = await t.get('/api/v1/customers/completeness/gaps?limit=1', { as: 'admin' });
    expect(first.body.data.items).toHaveLength(1);
    expect(first.body.data.next_cursor).toEqual(expect.any(String));
    const second = await t.get(`/api/v1/customers/completeness/gaps?limit=1&cursor=${first.body.data.next_cursor}`, { as: 'admin' });
    expect(second.body.data.items.map((i: { customer_id: number }) => i.customer_id)).toEqual([ids.noDecisionMaker]);
    expect(second.body.data.next_cursor).toBeNull();
  });

  it('rejects an unknown key and a forged cursor', async () => {
    const unknown = await t.get('/api/v1/customers/completeness/gaps?missing=favourite_colour', { as: 'admin' });
    expect(unknown.status).toBe(400);
    const forged = await t.get('/api/v1/customers/completeness/gaps?cursor=bm90LWpzb24', { as: 'admin', headers: { 'Accept-Language': 'en' } });
    expect(forged.status).toBe(400);
    expect(forged.body).toMatchObject({ error: 'request.cursor_invalid', message: 'The pagination cursor is invalid' });
    const wrongShape = Buffer.from(JSON.stringify(['x', 1])).toString('base64url');
    expect((await t.get(`/api/v1/customers/completeness/gaps?cursor=${wrongShape}`, { as: 'admin' })).status).toBe(400);
  });

  it('shows a portal user no gaps, not even its own', async () => {
    const portal = await t.tenant.token('customer', { customer_id: ids.noContacts });
    const res = await t.get('/api/v1/customers/completeness/gaps?missing=any', { token: portal });
    expect(res.status).toBe(403);
    expect(res.body.data).toBeUndefined();
  });
});
