import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw-rows.ts';
import { withTenant } from '../../../db/tenant-tx.ts';
import { addDays, businessDate } from '../../../platform/time/calendar-date.ts';
import { call, newCustomer, useTestTenant } from '../../../test-support/index.ts';
import { runWebhookDeliveries } from '../../integrations/webhooks/webhooks.jobs.ts';
import { verifyWebhook } from '../../integrations/webhooks/webhook-signature.ts';
import { runSegmentRefresh } from './segments.jobs.ts';

// The webhook receiver below listens on loopback: private targets are allowed here, explicitly.
const t = useTestTenant(['admin'], { env: { CRM_WEBHOOK_ALLOW_PRIVATE: 'true' } });
let apiKey: string;
/** 华东制造 (level 3, tagged 重点客户, three recent invoices), 华北金融 (level 4, red health, no invoices), then four with one invoice each. */
let ids: { east: number; north: number; others: number[] };

const today = businessDate(new Date());
const count = async (query: ReturnType<typeof sql>) => rawRows<{ n: number }>(await t.ctx.handle.db.execute(query))[0]!.n;
const preview = (rule_text: string, token = t.as.admin) => t.post('/api/v1/segments/preview', { token, body: { rule_text } });
const idsOf = (res: { body: { data: { sample: { id: number }[] } } }) => res.body.data.sample.map((c) => c.id);

async function customer(body: Parameters<typeof newCustomer>[1]): Promise<number> {
  return newCustomer(t, body, { as: 'admin' });
}

async function invoice(customerId: number, externalId: string, amount: string, daysAgo: number) {
  const issued = addDays(today, -daysAgo);
  const res = await t.put(`/api/v1/integrations/invoices/erp/${externalId}`, {
    headers: { 'X-Api-Key': apiKey },
    body: { customer: { id: customerId }, invoice_no: externalId, amount, issued_on: issued, due_on: addDays(issued, 30) },
  });
  if (res.status !== 200) throw new Error(res.text);
}

beforeAll(async () => {
  apiKey = await t.tenant.integrationKey('财务系统');
  const east = await customer({ customer_name: '华东精密制造有限公司', industry: '制造业', level: 3, region: '上海' });
  const north = await customer({ customer_name: '华北金融服务有限公司', industry: '金融', level: 4, region: '北京' });
  const others = [];
  for (const [i, name] of ['西南零售有限公司', '华南物流有限公司', '西北能源有限公司', '东北农业有限公司'].entries()) {
    const id = await customer({ customer_name: name, industry: '零售', level: 1, region: '成都' });
    await invoice(id, `INV-O${i}`, `${1000 * (i + 1)}.00`, 60 + i * 30);
    others.push(id);
  }
  ids = { east, north, others };
  const tag = (await t.post('/api/v1/tags', { as: 'admin', body: { name: '重点客户' } })).body.data;
  expect((await t.put(`/api/v1/customers/${east}/tags`, { as: 'admin', body: { tag_ids: [tag.id] } })).status).toBe(200);
  for (const [n, amount] of ['60000.00', '50000.00', '40000.00'].entries()) await invoice(east, `INV-E${n}`, amount, 5 + n);
  await withTenant(t.ctx.handle.db, t.tenant.id, (tx) =>
    tx.execute(sql`insert into health_scores (tenant_id, customer_id, score, band, stage, contributions, model_version, trigger, computed_at)
      values (${t.tenant.id}, ${north}, 30, 'red', 'mature', '[]'::jsonb, 'test', 'test', now())`),
  );
});

describe('segment rules over attributes and metrics', () => {
  it('previews attributes, tags, health band and revenue, each with its count', async () => {
    const both = await preview('industry in ("制造业", "金融") and level >= 3');
    expect(both.status).toBe(200);
    expect(both.body.data.count).toBe(2);
    expect(both.body.data.sample).toEqual([
      { id: ids.east, code: expect.any(String), name: '华东精密制造有限公司', level: 3, industry: '制造业' },
      { id: ids.north, code: expect.any(String), name: '华北金融服务有限公司', level: 4, industry: '金融' },
    ]);
    expect(idsOf(await preview('tag = "重点客户"'))).toEqual([ids.east]);
    expect((await preview('tag != "重点客户"')).body.data.count).toBe(5);
    expect(idsOf(await preview('health_band = "red" or revenue_12m > 100000'))).toEqual([ids.east, ids.north]);
    expect(idsOf(await preview('revenue_12m >= 4000 and revenue_12m < 100000'))).toEqual([ids.others[3]]);
    expect(idsOf(await preview('region = "北京" and not tag is not null'))).toEqual([ids.north]);
    // Never contacted, no contract, no survey, no size, potential, no health score: the five without a score.
    expect((await preview('nps is null and last_contact_days is null and contract_end_days is null and size is null and status = "potential" and health_score is null')).body.data.count).toBe(5);
    expect((await preview('last_contact_days > 30 or contract_end_days <= 90 or nps >= 9')).body.data.count).toBe(0);
  });

  it('selects by tag group: customers with any tag of the group', async () => {
    const group = (await t.post('/api/v1/tag-groups', { as: 'admin', body: { name: '服务套餐' } })).body.data;
    const gold = (await t.post('/api/v1/tags', { as: 'admin', body: { name: '金牌运维', group_id: group.id } })).body.data;
    const silver = (await t.post('/api/v1/tags', { as: 'admin', body: { name: '银牌运维', group_id: group.id } })).body.data;
    expect((await t.put(`/api/v1/customers/${ids.north}/tags`, { as: 'admin', body: { tag_ids: [gold.id] } })).status).toBe(200);
    expect((await t.put(`/api/v1/customers/${ids.others[0]}/tags`, { as: 'admin', body: { tag_ids: [silver.id] } })).status).toBe(200);
    expect(idsOf(await preview('tag_group = "服务套餐"'))).toEqual([ids.north, ids.others[0]]);
    expect(idsOf(await preview('tag_group in ("服务套餐", "不存在的组") and level >= 3'))).toEqual([ids.north]);
    // 华东制造's tag has no group: it is in no group, and `tag_group is null` finds it with the untagged.
    expect((await preview('tag_group != "服务套餐"')).body.data.count).toBe(4);
    expect(idsOf(await preview('tag_group is not null'))).toEqual([ids.north, ids.others[0]]);
    for (const id of [ids.north, ids.others[0]]) await t.put(`/api/v1/customers/${id}/tags`, { as: 'admin', body: { tag_ids: [] } });
  });

  it('refuses a rule with an unknown field with its position and the known fields, saving nothing', async () => {
    const res = await preview('level >= 3 and colour = "red"');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: 'segment.rule_invalid', details: { position: 16, field: 'colour', known_fields: expect.arrayContaining(['tag', 'revenue_12m']), message: { zh: expect.stringContaining('未知字段'), en: expect.stringContaining('Unknown field') } } });
    const saved = await t.post('/api/v1/segments', { as: 'admin', body: { name: '错误规则', rule_text: 'industry = 3' } });
    expect(saved.status).toBe(422);
    expect(saved.body.details).toMatchObject({ position: 12 });
    expect(await count(sql`select count(*)::int as n from segments where tenant_id = ${t.tenant.id}`)).toBe(0);
  });

  it('lets sales preview but not save, and keeps support and portal users out', async () => {
    const sales = await t.tenant.token('sales');
    expect((await preview('level >= 3', sales)).body.data.count).toBe(2);
    expect((await t.post('/api/v1/segments', { token: sales, body: { name: 'x', rule_text: 'level >= 3' } })).status).toBe(403);
    expect((await preview('level >= 3', await t.tenant.token('support'))).status).toBe(403);
  });

  it('counts the days since the last contact from communications as they are logged', async () => {
    const [quiet, busy] = ids.others as [number, number];
    const call_ = (customerId: number, daysAgo: number) =>
      t.post(`/api/v1/customers/${customerId}/communications`, { as: 'admin', body: { kind: 'call', direction: 'outbound', occurred_at: `${addDays(today, -daysAgo)}T10:00:00+08:00`, subject: '回访' } });
    expect((await call_(quiet, 40)).status).toBe(201);
    expect((await call_(busy, 10)).status).toBe(201);
    expect((await call_(busy, 50)).status).toBe(201);
    expect(idsOf(await preview('last_contact_days > 30'))).toEqual([quiet]);
    expect(idsOf(await preview('last_contact_days = 10'))).toEqual([busy]);
    // A newer call brings the quiet customer back; an older one changes nothing.
    await call_(quiet, 3);
    await call_(quiet, 90);
    expect((await preview('last_contact_days > 30')).body.data.count).toBe(0);
    expect(idsOf(await preview('last_contact_days <= 3'))).toEqual([quiet]);
  });
});

describe('saved segments', () => {
  let segmentId: number;

  it('saves the members the preview counted; PATCH with If-Match refreshes them', async () => {
    const rule = 'industry in ("制造业", "金融") and level >= 3';
    const created = await t.post('/api/v1/segments', { as: 'admin', body: { name: '高等级制造与金融', description: '精准营销', rule_text: rule } });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ name: '高等级制造与金融', rule_text: rule, member_count: 2, refreshed_at: expect.any(String), rule: { type: 'and' } });
    segmentId = created.body.data.id;
    const members = await t.get(`/api/v1/segments/${segmentId}/members?limit=1`, { as: 'admin' });
    expect(members.body.data.items).toEqual([{ customer_id: ids.east, customer_code: expect.any(String), customer_name: '华东精密制造有限公司', level: 3, industry: '制造业', region: '上海', health_band: null, revenue_12m: '150000.00', value_tier: null }]);
    const next = await t.get(`/api/v1/segments/${segmentId}/members?limit=1&cursor=${members.body.data.next_cursor}`, { as: 'admin' });
    expect(next.body.data).toMatchObject({ items: [{ customer_id: ids.north, health_band: 'red', revenue_12m: '0.00' }], next_cursor: null });

    const read = await t.get(`/api/v1/segments/${segmentId}`, { as: 'admin' });
    const etag = read.headers.get('etag')!;
    expect((await t.patch(`/api/v1/segments/${segmentId}`, { as: 'admin', body: { rule_text: 'industry = "零售"' } })).status).toBe(428);
    const patched = await t.patch(`/api/v1/segments/${segmentId}`, { as: 'admin', body: { rule_text: 'industry = "零售" or health_band = "red"' }, headers: { 'If-Match': etag } });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ member_count: 5, version: 2 });
    expect((await t.patch(`/api/v1/segments/${segmentId}`, { as: 'admin', body: { name: '旧版本' }, headers: { 'If-Match': etag } })).status).toBe(412);
    expect((await t.patch(`/api/v1/segments/${segmentId}`, { as: 'admin', body: { rule_text: 'nope = 1' }, headers: { 'If-Match': patched.headers.get('etag')! } })).status).toBe(422);
    expect(await count(sql`select count(*)::int as n from segment_members where tenant_id = ${t.tenant.id} and segment_id = ${segmentId}`)).toBe(5);
    expect(await count(sql`select count(*)::int as n from audit_log where tenant_id = ${t.tenant.id} and entity_type = 'segment' and action in ('segment.created', 'segment.updated')`)).toBe(2);
  });

  it('exports the members as CSV with a BOM and as XLSX', async () => {
    const csv = await t.ctx.app.request(`/api/v1/segments/${segmentId}/export?format=csv`, { headers: { Authorization: `Bearer ${t.as.admin}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('\uFEFF客户编码,客户名称,客户等级,行业,地区,健康度,近12个月收入,价值分层');
    expect(lines).toHaveLength(6);
    expect(lines.find((l) => l.includes('华北金融服务有限公司'))).toMatch(/,战略,金融,北京,风险,0,$/);

    const xlsx = await t.ctx.app.request(`/api/v1/segments/${segmentId}/export?format=xlsx`, { headers: { Authorization: `Bearer ${t.as.admin}` } });
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('高等级制造与金融');
    expect(sheet.rowCount).toBe(6);
    expect(sheet.getRow(1).getCell(2).value).toBe('客户名称');
    const values = Array.from({ length: 5 }, (_, i) => sheet.getRow(i + 2).getCell(7).value);
    expect(values.sort()).toEqual([0, 1000, 2000, 3000, 4000]);
  });

  it('pushes the members to marketing automation as signed segment.pushed webhooks', async () => {
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    const receiver: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/marketing`;
      const hook = (await t.post('/api/v1/webhooks', { as: 'admin', body: { name: '营销自动化', target: 'marketing', url, event_types: ['segment.*'] } })).body.data;
      const pushed = await t.post(`/api/v1/segments/${segmentId}/push`, { as: 'admin' });
      expect(pushed.status).toBe(202);
      expect(pushed.body.data).toEqual({ pushed: 5, events: 1 });
      const now = new Date(Date.now() + 60_000);
      await runWebhookDeliveries({ db: t.ctx.handle.db, keyRing: t.ctx.keyRing, allowPrivate: true }, now);
      expect(received).toHaveLength(1);
      const [{ headers, body }] = received as [{ headers: IncomingHttpHeaders; body: string }];
      expect(headers['x-crm-event']).toBe('segment.pushed');
      expect(verifyWebhook(hook.secret, headers['x-crm-signature'] as string, headers['x-crm-timestamp'] as string, body, { now })).toBe(true);
      const { data } = JSON.parse(body);
      expect(data).toMatchObject({ segment_id: segmentId, segment_name: '高等级制造与金融', chunk: 1, chunks: 1, total: 5 });
      expect(data.customers).toHaveLength(5);
      expect(Object.keys(data.customers[0]).sort()).toEqual(['code', 'id', 'industry', 'level', 'name', 'region']);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it('is invisible to another tenant: 404 on read, members, export, push, refresh and delete', async () => {
    const other = await (await t.ctx.createTenant()).token('admin');
    for (const [method, path] of [
      ['GET', ''],
      ['GET', '/members'],
      ['GET', '/export?format=csv'],
      ['POST', '/push'],
      ['POST', '/refresh'],
      ['DELETE', ''],
    ] as const) {
      const res = await call(t.ctx.app, method, `/api/v1/segments/${segmentId}${path}`, { token: other });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await t.get('/api/v1/segments', { token: other })).body.data.items).toEqual([]);
    expect((await t.get('/api/v1/segments', { as: 'admin' })).body.data.items).toHaveLength(1);
  });
});

describe('value tiers and the nightly refresh', () => {
  it('gives every customer an RFM tier, readable per customer and usable in rules', async () => {
    expect((await t.get(`/api/v1/customers/${ids.east}/value-tier`, { as: 'admin' })).status).toBe(404);
    const res = await t.post('/api/v1/segments/value-tiers/recompute', { as: 'admin' });
    expect(res.status).toBe(200);
    expect(res.body.data.customers).toBe(6);
    expect(res.body.data.tiers).toMatchObject({ champion: 1, hibernating: expect.any(Number) });
    const east = await t.get(`/api/v1/customers/${ids.east}/value-tier`, { as: 'admin' });
    expect(east.body.data).toMatchObject({ customer_id: ids.east, tier: 'champion', frequency: 3, monetary: '150000.00', r_score: 5, f_score: 5, m_score: 5, recency_days: 5 });
    const north = await t.get(`/api/v1/customers/${ids.north}/value-tier`, { as: 'admin' });
    expect(north.body.data).toMatchObject({ tier: 'hibernating', frequency: 0, recency_days: null, r_score: 1, f_score: 1, m_score: 1 });
    expect(idsOf(await preview('value_tier = "champion"'))).toEqual([ids.east]);
    expect(await count(sql`select count(*)::int as n from audit_log where tenant_id = ${t.tenant.id} and action = 'value_tiers.recomputed'`)).toBe(1);
    expect((await t.post('/api/v1/segments/value-tiers/recompute', { token: await t.tenant.token('csm') })).status).toBe(403);
  });

  it('refreshes every segment and the tiers once per business day after 04:00 Beijing time', async () => {
    const segmentId = (await t.get('/api/v1/segments', { as: 'admin' })).body.data.items[0]!.id;
    await withTenant(t.ctx.handle.db, t.tenant.id, (tx) => tx.execute(sql`delete from segment_members where tenant_id = ${t.tenant.id}`));
    const early = new Date(`${today}T03:30:00+08:00`);
    expect((await runSegmentRefresh({ db: t.ctx.handle.db, keyRing: t.ctx.keyRing }, early)).nightly_tenants).toBe(0);
    const night = new Date(`${today}T04:30:00+08:00`);
    const report = await runSegmentRefresh({ db: t.ctx.handle.db, keyRing: t.ctx.keyRing }, night);
    expect(report.failures).toBe(0);
    expect(report.nightly_tenants).toBeGreaterThanOrEqual(1);
    expect((await t.get(`/api/v1/segments/${segmentId}`, { as: 'admin' })).body.data.member_count).toBe(5);
    expect(await count(sql`select count(*)::int as n from segment_members where tenant_id = ${t.tenant.id}`)).toBe(5);
    expect(await count(sql`select count(*)::int as n from customer_value_tiers where tenant_id = ${t.tenant.id}`)).toBe(6);
    expect((await runSegmentRefresh({ db: t.ctx.handle.db, keyRing: t.ctx.keyRing }, new Date(night.getTime() + 3_600_000))).nightly_tenants).toBe(0);
  });

  it('deletes a segment with its members', async () => {
    const [segment] = (await t.get('/api/v1/segments', { as: 'admin' })).body.data.items;
    expect((await t.delete(`/api/v1/segments/${segment!.id}`, { as: 'admin' })).status).toBe(200);
    expect((await t.get(`/api/v1/segments/${segment!.id}`, { as: 'admin' })).status).toBe(404);
    expect(await count(sql`select count(*)::int as n from segment_members where tenant_id = ${t.tenant.id}`)).toBe(0);
  });
});
