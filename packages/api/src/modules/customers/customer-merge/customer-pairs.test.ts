import { beforeAll, describe, expect, it } from 'vitest';
import { useTestTenant } from '../../../test-support/index.ts';
import { mergeFixtures } from './customer-merge.fixtures.ts';

const t = useTestTenant(['admin']);
let managerId: number;
const ids: Record<string, number> = {};

type Pair = { survivor: { id: number }; merged: { id: number }; score: number; reasons: string[]; name_similarity: number | null };
const idsOf = (pair: Pair) => [pair.survivor.id, pair.merged.id].sort((a, b) => a - b);
const list = async (token: string, query = '') => {
  const res = await t.request('GET', `/api/v1/customers/duplicates${query}`, { token });
  expect(res.status).toBe(200);
  return res.body.data as { items: Pair[]; similar_name_window: number };
};

beforeAll(async () => {
  managerId = await t.tenant.userIdOf(`mgr@${t.tenant.code}`);
  const fx = mergeFixtures(t.ctx, t.tenant, t.as.admin);
  ids.credit1 = await fx.customer({ customer_name: '甲骨科技有限公司', credit_code: '91110108MA01ABCDEF' });
  ids.credit2 = await fx.customer({ customer_name: '乙木贸易有限公司', credit_code: '91110108MA01ABCDEF' });
  ids.name1 = await fx.customer({ customer_name: '星辰软件有限公司', assigned_manager_id: managerId });
  ids.name2 = await fx.customer({ customer_name: '星辰软件（中国）有限公司', industry: '软件', address: '杭州', assigned_manager_id: managerId });
  ids.domain1 = await fx.customer({ customer_name: '云九网络有限公司', website: 'www.cloudnine.cn' });
  ids.domain2 = await fx.customer({ customer_name: '九霄云计算有限公司', website: 'https://cloudnine.cn/about' });
  ids.similar1 = await fx.customer({ customer_name: '东方明珠信息技术有限公司' });
  ids.similar2 = await fx.customer({ customer_name: '东方明珠信息技术服务有限公司' });
  const parent = await fx.customer({ customer_name: '同域集团母公司', website: 'samegroup.com' });
  await fx.customer({ customer_name: '同域集团子公司', website: 'samegroup.com', parent_customer_id: parent });
  const archived = await fx.customer({ customer_name: '星辰软件股份有限公司' });
  await t.post(`/api/v1/customers/${archived}/archive`, { as: 'admin' });
  for (const shop of ['红叶', '青松', '白云', '黑石', '金桥', '银河', '铁塔', '铜锣', '木棉', '水晶', '火炬']) {
    await fx.customer({ customer_name: `${shop}商行`, website: 'http://shop.bighost.cn' });
  }
  const other = await t.ctx.createTenant();
  await t.post('/api/v1/customers', { token: await other.token('admin'), body: { customer_name: '星辰软件有限公司' } });
});

describe('GET /api/v1/customers/duplicates', () => {
  it('suggests pairs by credit code, name, website domain and similar name, best first', async () => {
    const { items, similar_name_window } = await list(t.as.admin);
    expect(similar_name_window).toBe(500);
    expect(items.map(idsOf)).toEqual([
      [ids.credit1, ids.credit2],
      [ids.name1, ids.name2],
      [ids.domain1, ids.domain2],
      [ids.similar1, ids.similar2],
    ]);
    expect(items.map((p) => p.reasons)).toEqual([['credit_code'], ['name'], ['website_domain'], ['similar_name']]);
    expect(items.map((p) => p.score)).toEqual([0.99, 0.95, 0.7, expect.any(Number)]);
    expect(items[3]!.name_similarity).toBeGreaterThanOrEqual(0.6);
    expect(items[3]!.score).toBeLessThan(0.7);
  });

  it('suggests the more complete record as the survivor, else the older one', async () => {
    const { items } = await list(t.as.admin);
    expect(items[1]).toMatchObject({ survivor: { id: ids.name2 }, merged: { id: ids.name1 } });
    expect(items[0]).toMatchObject({ survivor: { id: ids.credit1 }, merged: { id: ids.credit2 } });
  });

  it('leaves out archived customers, parent and subsidiary, generic shared domains and other tenants', async () => {
    const { items } = await list(t.as.admin);
    expect(items).toHaveLength(4);
  });

  it('honours limit and the data scope of a 客户经理', async () => {
    expect((await list(t.as.admin, '?limit=1')).items.map(idsOf)).toEqual([[ids.credit1, ids.credit2]]);
    expect((await t.get('/api/v1/customers/duplicates?limit=0', { as: 'admin' })).status).toBe(400);
    const manager = await t.tenant.token('manager', { username: `mgr@${t.tenant.code}` });
    await t.tenant.setSettings({ manager_data_scope: 'assigned' });
    try {
      expect((await list(manager)).items.map(idsOf)).toEqual([[ids.name1, ids.name2]]);
    } finally {
      await t.tenant.setSettings({ manager_data_scope: 'all' });
    }
    expect((await list(manager)).items).toHaveLength(4);
  });

  it('drops a pair once it is merged', async () => {
    const body = { survivor_id: ids.domain1, merged_id: ids.domain2, survivor_version: 1, merged_version: 1 };
    expect((await t.request('POST', '/api/v1/customers/merge', { as: 'admin', body })).status).toBe(200);
    expect((await list(t.as.admin)).items.map(idsOf)).not.toContainEqual([ids.domain1, ids.domain2]);
  });
});
