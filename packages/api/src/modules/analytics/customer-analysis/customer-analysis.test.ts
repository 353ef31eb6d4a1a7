import { beforeAll, describe, expect, it } from 'vitest';
import { useTestTenant } from '../../../test-support/index.ts';
import { activeContract } from '../../contracts-sla/sla-bindings/sla-test-helpers.ts';

const t = useTestTenant(['admin']);
let apiKey: string;
let customerId: number;

const today = new Date();
const daysAgo = (n: number, hour = 10) => new Date(today.getTime() - n * 86_400_000 - hour * 0).toISOString();

beforeAll(async () => {
  apiKey = await t.tenant.integrationKey('集成');
  const start = new Date(today.getTime() - 200 * 86_400_000).toISOString().slice(0, 10);
  const end = new Date(today.getTime() + 160 * 86_400_000).toISOString().slice(0, 10);
  ({ customerId } = await activeContract(t.ctx, t.as.admin, 'ABC科技有限公司', { sla_tier_code: 'premium', start_date: start, end_date: end }, { level: 2 }));
  const headers = { 'X-Api-Key': apiKey };
  // Four tickets in the last 3 months: two resolved in 4 and 2 hours, ratings 4 then 5, mostly by live chat.
  const tickets = [
    { id: 'A-1', opened: 80, hours: 4, rating: 4, channel: 'chat' },
    { id: 'A-2', opened: 20, hours: 2, rating: 5, channel: 'chat' },
    { id: 'A-3', opened: 10, hours: null, rating: null, channel: 'phone' },
    { id: 'A-4', opened: 300, hours: 1, rating: 2, channel: 'phone' },
  ];
  for (const ticket of tickets) {
    const opened = daysAgo(ticket.opened);
    const res = await t.put(`/api/v1/integrations/tickets/itsm/${ticket.id}`, {
      headers,
      body: {
        customer: { id: customerId }, title: '服务器告警', priority: 'P3', channel: ticket.channel, status: ticket.hours ? 'resolved' : 'in_progress', opened_at: opened,
        first_response_at: new Date(Date.parse(opened) + 600_000).toISOString(),
        resolved_at: ticket.hours ? new Date(Date.parse(opened) + ticket.hours * 3_600_000).toISOString() : null, satisfaction_rating: ticket.rating,
      },
    });
    if (res.status !== 200) throw new Error(res.text);
  }
  for (const [n, issued] of [[1, 75], [2, 45], [3, 400]] as const) {
    const issuedOn = new Date(today.getTime() - issued * 86_400_000).toISOString().slice(0, 10);
    const res = await t.put(`/api/v1/integrations/invoices/finance/INV-${n}`, { headers, body: { customer: { id: customerId }, amount: '30000.00', issued_on: issuedOn, due_on: issuedOn } });
    if (res.status !== 200) throw new Error(res.text);
  }
  const events = Array.from({ length: 13 }, (_, i) => ({ event_id: `L-${i}`, customer: { id: customerId }, user_id: `u${i % 3}`, kind: 'login', at: daysAgo(i * 7 + 1) }));
  events.push({ event_id: 'F-1', customer: { id: customerId }, user_id: 'u1', kind: 'feature', feature: '工单管理', at: daysAgo(1) } as (typeof events)[number]);
  const usage = await t.post('/api/v1/integrations/usage-events', { headers, body: { source: 'portal', events } });
  if (usage.status !== 200) throw new Error(usage.text);
});

const analysis = (query: string, token = t.as.admin, headers: Record<string, string> = {}) => t.get(`/api/v1/customers/${customerId}/analysis${query}`, { token, headers });

describe('GET /api/v1/customers/{id}/analysis', () => {
  it('returns every field of the requirement example, computed from the tickets, invoices, usage and health', async () => {
    const res = await analysis('?period=3m');
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('分析成功');
    const data = res.body.data;
    expect(data.customer_info).toEqual({ customer_id: customerId, customer_name: 'ABC科技有限公司', level: 2, status: expect.any(Number) });
    expect(data.service_statistics).toEqual({ total_tickets: 3, resolved_tickets: 2, average_resolution_time: '3小时', average_resolution_hours: 3, satisfaction_score: 4.5 });
    expect(data.financial_analysis).toMatchObject({ total_revenue: 60_000, monthly_revenue: 20_000, profit_margin_basis: 'estimated' });
    expect(data.financial_analysis.ltv).toBeGreaterThan(data.financial_analysis.monthly_revenue);
    expect(data.behavior_analysis).toMatchObject({ support_channel_preference: '在线客服', support_channel: 'chat', feature_usage: { 工单管理: expect.any(Number) } });
    expect(data.behavior_analysis.logins_per_week).toBeCloseTo(13 / (92 / 7), 1);
    expect(data.risk_assessment).toMatchObject({ satisfaction_trend: '上升', churn_risk: expect.stringMatching(/^[高中低]$/), renewal_probability: expect.any(Number) });
  });

  it('widens with the period, takes a custom range and speaks English', async () => {
    const year = (await analysis('?period=12m', t.as.admin, { 'Accept-Language': 'en' })).body.data;
    expect(year.service_statistics.total_tickets).toBe(4);
    expect(year.service_statistics.average_resolution_time).toMatch(/hours$/);
    expect(year.financial_analysis.total_revenue).toBe(60_000);
    const longer = (await analysis('?period=24m')).body.data;
    expect(longer.financial_analysis.total_revenue).toBe(90_000);
    const from = new Date(today.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(today.getTime()).toISOString().slice(0, 10);
    const custom = (await analysis(`?period=custom&from=${from}&to=${to}`)).body.data;
    expect(custom.period).toMatchObject({ name: 'custom', from, to });
    expect(custom.service_statistics.total_tickets).toBe(2);
  });

  it('answers bad ranges, portal users and other tenants clearly', async () => {
    expect((await analysis('?period=custom&from=2026-03-01&to=2026-01-01')).status).toBe(422);
    expect((await analysis('?period=custom')).body.error).toBe('analysis.period_invalid');
    expect((await analysis('?period=7m')).status).toBe(400);
    expect((await analysis('', await t.tenant.token('customer', { customer_id: customerId }))).status).toBe(403);
    const other = await t.ctx.createTenant();
    expect((await analysis('', await other.token('admin'))).status).toBe(404);
  });
});
