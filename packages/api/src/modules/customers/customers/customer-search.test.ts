import { beforeAll, describe, expect, it } from 'vitest';
import { newCustomer, useTestTenant } from '../../../test-support/index.ts';

const t = useTestTenant(['admin', 'support']);

const fixtures = [
  { customer_name: '北京云启科技有限公司', industry: '软件开发', level: 3, status: 2, contacts: [{ contact_name: '赵一', mobile: '13800001111', email: 'zhao@yunqi.com', is_primary: 1 as const, is_decision_maker: 1 as const }] },
  { customer_name: '上海华信证券股份有限公司', industry: '金融', level: 4, status: 2, customer_type: 1 },
  { customer_name: '深圳市顺达物流有限公司', industry: '物流', level: 1, status: 1 },
  { customer_name: '杭州市数据资源管理局', industry: '政府', level: 2, status: 2, customer_type: 2 },
  { customer_name: '北京科技大学附属医院', industry: '医疗', level: 2, status: 3 },
];

beforeAll(async () => {
  for (const body of fixtures) await newCustomer(t, body, { as: 'admin' });
});

const names = (res: { body: { data: { items: { customer_name: string }[] } } }) => res.body.data.items.map((i) => i.customer_name);
const list = (query: string, token = t.as.admin) => t.get(`/api/v1/customers${query}`, { token });

describe('search', () => {
  it('finds by part of the Chinese name', async () => {
    expect(names(await list('?q=云启'))).toEqual(['北京云启科技有限公司']);
  });

  it('finds by pinyin initials and full pinyin', async () => {
    expect(names(await list('?q=bjyq'))).toContain('北京云启科技有限公司');
    expect(names(await list('?q=huaxin'))).toContain('上海华信证券股份有限公司');
  });

  it('finds by code prefix and by exact contact mobile or e-mail', async () => {
    const all = await list('?limit=100');
    const code = all.body.data.items.find((i: { customer_name: string }) => i.customer_name.startsWith('深圳'))!.customer_code;
    expect(names(await list(`?q=${code}`))).toEqual(['深圳市顺达物流有限公司']);
    expect(names(await list('?q=13800001111'))).toEqual(['北京云启科技有限公司']);
    expect(names(await list('?q=ZHAO@yunqi.com'))).toEqual(['北京云启科技有限公司']);
  });

  it('filters by status, level, type and industry', async () => {
    expect(names(await list('?status=2&level=3,4')).sort()).toEqual(['上海华信证券股份有限公司', '北京云启科技有限公司'].sort());
    expect(names(await list('?customer_type=2'))).toEqual(['杭州市数据资源管理局']);
    expect(names(await list('?industry=医疗'))).toEqual(['北京科技大学附属医院']);
  });

  it('pages with a keyset cursor, each customer exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await list(`?limit=2&sort=customer_name${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...names(res));
      cursor = res.body.data.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(fixtures.length);
    expect(new Set(seen).size).toBe(fixtures.length);
    expect(seen).toEqual([...seen].sort((x, y) => (x < y ? -1 : 1)));
  });

  it('rejects a forged cursor', async () => {
    const res = await list('?cursor=bm90LWEtY3Vyc29y');
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('request.cursor_invalid');
  });
});

describe('masking', () => {
  it('shows contact channels to a manager and masks them for support', async () => {
    const id = (await list('?q=云启')).body.data.items[0]!.id;
    const full = await t.get(`/api/v1/customers/${id}`, { as: 'admin' });
    expect(full.body.data.contacts[0]).toMatchObject({ mobile: '13800001111', email: 'zhao@yunqi.com' });
    const masked = await t.get(`/api/v1/customers/${id}`, { as: 'support' });
    expect(masked.body.data.contacts[0]).toMatchObject({ mobile: '138****1111', email: 'z***@yunqi.com' });
    expect(JSON.stringify(masked.body)).not.toContain('13800001111');
  });

  it('scores completeness and names what is missing', async () => {
    const id = (await list('?q=云启')).body.data.items[0]!.id;
    const detail = await t.get(`/api/v1/customers/${id}`, { as: 'admin' });
    expect(detail.body.data.completeness.missing).toEqual(expect.arrayContaining(['address', 'assigned_manager']));
    expect(detail.body.data.completeness.missing).not.toContain('decision_maker');
    expect(detail.body.data.completeness.complete).toBe(false);
    const bare = (await list('?q=顺达')).body.data.items[0];
    expect(bare!.completeness_score).toBeLessThan(detail.body.data.completeness.score);
  });
});

describe('search under row-level security', () => {
  it('runs on functions marked leakproof, so RLS lets the trigram indexes serve it', async () => {
    const { rawRows } = await import('../../../db/raw-rows.ts');
    const { sql } = await import('drizzle-orm');
    const rows = rawRows<{ proname: string; proleakproof: boolean }>(
      await t.ctx.handle.db.execute(sql`select proname, proleakproof from pg_proc where proname in ('texticlike', 'similarity_op') and pronargs = 2`),
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => r.proleakproof)).toBe(true);
  });
});

describe('list items', () => {
  it('show each customer’s own primary contact and tags', async () => {
    const res = await list('?limit=50');
    const yunqi = res.body.data.items.find((i: { customer_name: string }) => i.customer_name === '北京云启科技有限公司');
    const others = res.body.data.items.filter((i: { customer_name: string }) => i.customer_name !== '北京云启科技有限公司');
    expect(yunqi!.primary_contact_name).toBe('赵一');
    expect(others.every((i: { primary_contact_name: string | null }) => i.primary_contact_name === null)).toBe(true);
  });
});
