import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw-rows.ts';
import { newCustomerWithContact, useTestTenant } from '../../../test-support/index.ts';
import { approvedContractOf } from '../../contracts-sla/sla-bindings/sla-test-helpers.ts';
import { businessMonth } from '../../../platform/time/calendar-date.ts';
import { launchedSurvey, submitSurvey } from '../../success/surveys/survey-test-helpers.ts';
import { expectedLifetimeMonths, KPI_KEYS } from './portfolio-kpis.ts';

// A small portfolio, built through the APIs, whose KPIs for 2026-01…2026-03 are worked out by hand below.
// A (普通, 制造业): in force all year, an expansion from 02-10.  B (普通, 制造业): contract ends 02-15, no renewal.
// C (VIP, 金融): contract ends 01-31, renewed from 02-01.  D (VIP, no industry): no contract, one ticket.
const t = useTestTenant(['admin']);
let apiKey: string;
const ids: Record<'A' | 'B' | 'C' | 'D', number> = { A: 0, B: 0, C: 0, D: 0 };
const RANGE = 'from=2026-01&to=2026-03';

async function customer(name: string, level: number, industry?: string): Promise<{ customerId: number; contactId: number }> {
  return newCustomerWithContact(t, { customer_name: name, level, industry, contacts: [{ contact_name: '王经理', mobile: '13900139000' }] }, { as: 'admin' });
}

const contract = (c: { customerId: number; contactId: number }, start: string, end: string, fields: Record<string, unknown> = {}) =>
  approvedContractOf(t.ctx, t.as.admin, c.customerId, c.contactId, { start_date: start, end_date: end, signing_date: '2024-12-01', ...fields });

async function ticket(id: string, customerId: number, openedAt: string, fields: Record<string, unknown>) {
  const res = await t.request('PUT', `/api/v1/integrations/tickets/itsm/${id}`, {
    headers: { 'X-Api-Key': apiKey },
    body: { customer: { id: customerId }, title: '服务器宕机', priority: 'P2', status: 'open', opened_at: openedAt, ...fields },
  });
  expect([200, 201]).toContain(res.status);
}

async function invoice(id: string, customerId: number, issuedOn: string, amount: string, status?: 'void') {
  const res = await t.request('PUT', `/api/v1/integrations/invoices/erp/${id}`, {
    headers: { 'X-Api-Key': apiKey },
    body: { customer: { id: customerId }, amount, issued_on: issuedOn, due_on: issuedOn, ...(status ? { status } : {}) },
  });
  expect([200, 201]).toContain(res.status);
}

const report = (query: string, token = t.as.admin) => t.request('GET', `/api/v1/analytics/portfolio?${query}`, { token });

beforeAll(async () => {
  apiKey = await t.tenant.integrationKey('集成');
  const a = await customer('华东精密制造有限公司', 1, '制造业');
  const b = await customer('苏州机械股份有限公司', 1, '制造业');
  const c = await customer('上海汇金银行', 3, '金融');
  const d = await customer('北京远景科技', 3);
  Object.assign(ids, { A: a.customerId, B: b.customerId, C: c.customerId, D: d.customerId });
  await contract(a, '2025-01-01', '2026-12-31');
  await contract(a, '2026-02-10', '2026-12-31', { kind: 'expansion', title: '扩容合同' });
  await contract(b, '2025-03-01', '2026-02-15');
  const c1 = await contract(c, '2025-02-01', '2026-01-31');
  await contract(c, '2026-02-01', '2027-01-31', { kind: 'renewal', predecessor_id: c1, title: '续约合同' });

  await ticket('T1', ids.A, '2026-01-10T09:00:00+08:00', { first_response_at: '2026-01-10T09:30:00+08:00', resolved_at: '2026-01-10T12:00:00+08:00', satisfaction_rating: 5 });
  await ticket('T2', ids.A, '2026-01-20T10:00:00+08:00', { first_response_at: '2026-01-20T11:00:00+08:00' });
  await ticket('T3', ids.B, '2026-02-03T08:00:00+08:00', { first_response_at: '2026-02-03T08:15:00+08:00', resolved_at: '2026-02-03T09:00:00+08:00', satisfaction_rating: 3 });
  // 00:30 on 1 March in Beijing is still 28 February in UTC: it belongs to March.
  await ticket('T4', ids.C, '2026-03-01T00:30:00+08:00', { first_response_at: '2026-03-01T00:40:00+08:00', resolved_at: '2026-03-01T02:00:00+08:00', satisfaction_rating: 4 });
  await ticket('T5', ids.D, '2026-03-15T10:00:00+08:00', { resolved_at: '2026-03-15T18:00:00+08:00', satisfaction_rating: 2 });

  await invoice('I0', ids.A, '2025-12-05', '8000.00');
  await invoice('I1', ids.A, '2026-01-05', '10000.00');
  await invoice('I2', ids.B, '2026-01-10', '6000.00');
  await invoice('I3', ids.A, '2026-02-05', '10000.00');
  await invoice('I4', ids.C, '2026-02-01', '30000.00');
  await invoice('I5', ids.A, '2026-03-05', '10000.00');
  await invoice('I6', ids.C, '2026-03-01', '99999.00', 'void');
});

describe('GET /api/v1/analytics/portfolio', () => {
  it('computes every KPI of the portfolio by month, as worked out by hand', async () => {
    const res = await report(`${RANGE}&granularity=month`);
    expect(res.status).toBe(200);
    const data = res.body.data;
    expect(data.periods).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(data.segments).toHaveLength(1);
    const { segment, kpis } = data.segments[0];
    expect(segment).toBeNull();
    const values = (kpi: string) => kpis[kpi].values;
    expect(values('ticket_volume')).toEqual([2, 1, 2]);
    expect(values('satisfaction')).toEqual([5, 3, 3]);
    expect(values('first_response_minutes')).toEqual([45, 15, 10]);
    expect(values('resolution_rate')).toEqual([50, 100, 100]);
    expect(values('nps')).toEqual([null, null, null]);
    // In force on the 1st: Jan A B C, Feb A B C(renewal), Mar A C. B lost its contract on 02-15 with no successor.
    expect(values('retention_rate')).toEqual([100, 66.67, 100]);
    expect(values('churn_rate')).toEqual([0, 33.33, 0]);
    expect(values('upsell_rate')).toEqual([0, 33.33, 0]);
    // C's contract ended in January and was renewed; B's ended in February and was not.
    expect(values('renewal_rate')).toEqual([100, 0, null]);
    // Void invoices do not count; December (8000 / 3 customers) feeds January's growth.
    expect(values('revenue')).toEqual([16000, 40000, 10000]);
    expect(values('arpu')).toEqual([5333.33, 13333.33, 5000]);
    expect(values('arpu_growth')).toEqual([100, 150, -62.5]);
    expect(values('ltv')).toEqual([
      Math.round(5333.33 * 60 * 100) / 100,
      Math.round(13333.33 * expectedLifetimeMonths(33.33, 1) * 100) / 100,
      Math.round(5000 * 60 * 100) / 100,
    ]);
    const completeness = await t.request('GET', '/api/v1/customers/completeness', { as: 'admin' });
    expect(values('completeness')).toEqual([1, 2, 3].map(() => completeness.body.data.complete_percentage));
    expect(kpis.revenue.trend).toBe('down');
    expect(kpis.ticket_volume.trend).toBe('flat');
    expect(Object.keys(data.definitions).sort()).toEqual([...KPI_KEYS].sort());
    expect(data.definitions.nps.note).toMatch(/^Survey responses/);
    expect(data.definitions.completeness.note).toMatch(/same in every period/);
  });

  it('forecasts revenue, ticket volume and churn 3 periods ahead with an interval, and nothing else', async () => {
    const { kpis } = (await report(RANGE)).body.data.segments[0];
    // Revenue 16000, 40000, 10000: least squares slope −3000 through the mean 22000 at x = 1.
    expect(kpis.revenue.forecast.map((p: { period: string }) => p.period)).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(kpis.revenue.forecast[0].value).toBe(16000);
    expect(kpis.revenue.forecast[0].low).toBeLessThan(16000);
    expect(kpis.revenue.forecast[0].high).toBeGreaterThan(16000);
    expect(kpis.ticket_volume.forecast).toHaveLength(3);
    expect(kpis.churn_rate.forecast[0].low).toBeGreaterThanOrEqual(0);
    expect(kpis.satisfaction.forecast).toBeUndefined();
    const none = (await report(`${RANGE}&forecast=0`)).body.data.segments[0].kpis;
    expect(none.revenue.forecast).toEqual([]);
  });

  it('splits by level', async () => {
    const res = await report(`${RANGE}&segment=level`);
    expect(res.status).toBe(200);
    const bySegment = Object.fromEntries(res.body.data.segments.map((s: { segment: string; kpis: unknown }) => [s.segment, s.kpis]));
    expect(Object.keys(bySegment)).toEqual(['1', '3']);
    expect(bySegment['1'].revenue.values).toEqual([16000, 10000, 10000]);
    expect(bySegment['1'].churn_rate.values).toEqual([0, 50, 0]);
    expect(bySegment['1'].renewal_rate.values).toEqual([null, 0, null]);
    expect(bySegment['1'].upsell_rate.values).toEqual([0, 50, 0]);
    expect(bySegment['3'].ticket_volume.values).toEqual([0, 0, 2]);
    expect(bySegment['3'].satisfaction.values).toEqual([null, null, 3]);
    expect(bySegment['3'].renewal_rate.values).toEqual([100, null, null]);
    expect(bySegment['3'].revenue.values).toEqual([0, 30000, 0]);
  });

  it('splits by industry in pinyin order, with the customers without one as unknown last', async () => {
    const res = await report(`${RANGE}&segment=industry`);
    expect(res.body.data.segments.map((s: { segment: string }) => s.segment)).toEqual(['金融', '制造业', 'unknown']);
  });

  it('groups by quarter', async () => {
    const res = await report('granularity=quarter&from=2025-11&to=2026-03&forecast=1');
    expect(res.status).toBe(200);
    expect(res.body.data.periods).toEqual(['2025-Q4', '2026-Q1']);
    const { kpis } = res.body.data.segments[0];
    expect(kpis.revenue.values).toEqual([8000, 66000]);
    expect(kpis.ticket_volume.values).toEqual([0, 5]);
    expect(kpis.revenue.forecast).toEqual([]);
  });

  it('exports CSV with a BOM, a header and one row per segment × KPI × period plus forecasts', async () => {
    const res = await report(`${RANGE}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="portfolio-2026-01-2026-03.csv"');
    const raw = await t.ctx.app.request(`/api/v1/analytics/portfolio?${RANGE}&format=csv`, { headers: { Authorization: `Bearer ${t.as.admin}` } });
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe('分群,指标代码,指标,单位,周期,类型,数值,预测下限(80%),预测上限(80%),趋势');
    expect(lines).toHaveLength(1 + KPI_KEYS.length * 3 + 3 * 3);
    expect(lines).toContain('全部客户,revenue,开票收入,CNY,2026-02,actual,40000,,,down');
    const bySegment = await report(`${RANGE}&format=csv&segment=level&forecast=0`);
    expect(bySegment.text.trim().split('\r\n')).toHaveLength(1 + 2 * KPI_KEYS.length * 3);
  });

  it('exports XLSX with one sheet per segment and Chinese headers', async () => {
    const res = await t.ctx.app.request(`/api/v1/analytics/portfolio?${RANGE}&segment=level&format=xlsx`, { headers: { Authorization: `Bearer ${t.as.admin}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="portfolio-2026-01-2026-03.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['等级-普通', '等级-VIP']);
    const sheet = workbook.getWorksheet('等级-普通')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('指标');
    expect(sheet.getRow(1).getCell(3).value).toBe('2026-01');
    const revenueRow = sheet.getRows(2, KPI_KEYS.length)!.find((row) => row.getCell(1).value === '开票收入')!;
    expect(revenueRow.getCell(3).value).toBe(16000);
  });

  it.each([
    ['from after to', 'from=2026-03&to=2026-01', 422, 'analytics.range_invalid'],
    ['more than 36 periods', 'from=2023-01&to=2026-01', 422, 'analytics.range_invalid'],
    ['unknown segment', 'segment=region', 400, 'request.invalid'],
    ['forecast beyond 3', 'forecast=4', 400, 'request.invalid'],
    ['not a month', 'from=2026-13', 400, 'request.invalid'],
    ['unknown format', 'format=pdf', 400, 'request.invalid'],
  ])('refuses %s', async (_name, query, status, error) => {
    const res = await report(query);
    expect(res.status).toBe(status);
    expect(res.body.error).toBe(error);
  });

  it('accepts exactly 36 months by default granularity and 12 months when no range is given', async () => {
    expect((await report('from=2023-02&to=2026-01&forecast=0')).body.data.periods).toHaveLength(36);
    expect((await report('forecast=0')).body.data.periods).toHaveLength(12);
  });

  it('refuses portal users and shows nothing of another tenant', async () => {
    const portal = await t.tenant.token('customer', { customer_id: ids.A, username: 'portal@a' });
    expect((await report(RANGE, portal)).status).toBe(403);
    const other = await t.ctx.createTenant();
    const res = await report(RANGE, await other.token('admin'));
    expect(res.status).toBe(200);
    const { kpis } = res.body.data.segments[0];
    expect(kpis.revenue.values).toEqual([0, 0, 0]);
    expect(kpis.ticket_volume.values).toEqual([0, 0, 0]);
    expect(kpis.churn_rate.values).toEqual([null, null, null]);
  });

  it('computes NPS from the survey responses submitted in each period, per segment', async () => {
    const { tokens } = await launchedSurvey(t.ctx, t.tenant, t.as.admin, [ids.A, ids.B, ids.C, ids.D]);
    await submitSurvey(t.ctx, tokens.get(ids.A)!, { nps: 10 });
    await submitSurvey(t.ctx, tokens.get(ids.B)!, { nps: 9, csat: 4 });
    await submitSurvey(t.ctx, tokens.get(ids.C)!, { nps: 3 });
    const month = businessMonth(new Date());
    // Two promoters and one detractor of three answers; D has not answered and does not count.
    expect((await report(`from=${month}&to=${month}&forecast=0`)).body.data.segments[0].kpis.nps.values).toEqual([33.3]);
    const byLevel = (await report(`from=${month}&to=${month}&forecast=0&segment=level`)).body.data.segments;
    const nps = Object.fromEntries(byLevel.map((s: { segment: string; kpis: { nps: { values: number[] } } }) => [s.segment, s.kpis.nps.values[0]]));
    expect(nps).toEqual({ '1': 100, '3': -100 });
  });

  it('writes nothing', async () => {
    const count = async () => rawRows<{ n: number }>(await t.ctx.handle.db.execute(sql`select count(*)::int as n from audit_log where tenant_id = ${t.tenant.id}`))[0]!.n;
    const before = await count();
    await report(`${RANGE}&format=xlsx`);
    expect(await count()).toBe(before);
  });
});
