import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw-rows.ts';
import { addDays, businessDate } from '../../../platform/time/calendar-date.ts';
import { useTestTenant } from '../../../test-support/index.ts';
import { customerWithContact } from '../../contracts-sla/contracts/contracts-test-helpers.ts';
import { activeContract } from '../../contracts-sla/sla-bindings/sla-test-helpers.ts';
import { launchedSurvey, submitSurvey } from '../surveys/survey-test-helpers.ts';

const t = useTestTenant(['admin']);
let apiKey: string;
let good: number;
let bad: number;

const DAY = 86_400_000;
const now = new Date();
const daysAgo = (n: number) => new Date(now.getTime() - n * DAY).toISOString();
const today = businessDate(now);

/** A ticket answered in 10 minutes and resolved in an hour (within any SLA) unless `fields` say otherwise. */
const ticket = (customerId: number, externalId: string, fields: { opened_at?: string } & Record<string, unknown>) => {
  const opened = Date.parse(fields.opened_at ?? daysAgo(10));
  return {
    external_id: externalId,
    customer: { id: customerId },
    title: '核心交换机端口告警',
    priority: 'P3',
    status: 'resolved',
    opened_at: new Date(opened).toISOString(),
    first_response_at: new Date(opened + 600_000).toISOString(),
    resolved_at: new Date(opened + 3_600_000).toISOString(),
    ...fields,
  };
};
const pushTickets = (items: object[]) => t.request('POST', '/api/v1/integrations/tickets/batch', { body: { source: 'itsm', items }, headers: { 'X-Api-Key': apiKey } });
const health = (id: number, token = t.as.admin) => t.request('GET', `/api/v1/customers/${id}/health`, { token });
const recompute = (id: number, asOf?: string) => t.request('POST', `/api/v1/customers/${id}/health/recompute${asOf ? `?as_of=${encodeURIComponent(asOf)}` : ''}`, { as: 'admin' });

beforeAll(async () => {
  apiKey = await t.tenant.integrationKey('集成');
  good = (await customerWithContact(t.ctx, t.as.admin, '健康科技有限公司')).customerId;
  bad = (await customerWithContact(t.ctx, t.as.admin, '风险物流有限公司')).customerId;
  // The good customer: two quiet tickets rated 5, twenty logins in the last 30 days.
  expect((await pushTickets([ticket(good, 'G-1', { satisfaction_rating: 5 }), ticket(good, 'G-2', { satisfaction_rating: 5, opened_at: daysAgo(20) })])).status).toBe(200);
  const logins = Array.from({ length: 20 }, (_, i) => ({ event_id: `L-${i}`, customer: { id: good }, user_id: `u${i % 4}`, kind: 'login', at: daysAgo(1 + i) }));
  expect((await t.request('POST', '/api/v1/integrations/usage-events', { body: { source: 'portal', events: logins }, headers: { 'X-Api-Key': apiKey } })).status).toBe(200);
  // The bad customer: thirty tickets in 20 days, half P1, rated 1, every target breached; an invoice 60 days overdue.
  const many = Array.from({ length: 30 }, (_, i) => ticket(bad, `B-${i}`, { priority: i % 2 ? 'P1' : 'P2', satisfaction_rating: 1, opened_at: daysAgo(1 + (i % 20)) }));
  expect((await pushTickets(many)).status).toBe(200);
  // SLA deadlines come from a bound contract; this file has none, so the breach flags are set directly.
  await t.ctx.handle.db.execute(sql`update service_records set response_breached = true, resolution_breached = true where tenant_id = ${t.tenant.id} and customer_id = ${bad}`);
  const invoice = { customer: { id: bad }, invoice_no: 'FP-001', amount: '50000.00', issued_on: addDays(today, -100), due_on: addDays(today, -60) };
  expect((await t.request('PUT', '/api/v1/integrations/invoices/erp/INV-1', { body: invoice, headers: { 'X-Api-Key': apiKey } })).status).toBeLessThan(300);
});

describe('GET /api/v1/customers/{id}/health', () => {
  it('scores a customer with good data green, computed and stored on the first read', async () => {
    const res = await health(good);
    expect(res.status).toBe(200);
    const data = res.body.data;
    expect(Object.keys(data).sort()).toEqual(['band', 'churn_probability', 'churn_risk', 'computed_at', 'contributions', 'customer_id', 'model_version', 'score', 'stage', 'thresholds', 'trend'].sort());
    expect(data).toMatchObject({ customer_id: good, band: 'green', thresholds: { green: 70, yellow: 40 }, stage: 'onboarding', model_version: 'weights-0', churn_risk: 'low' });
    expect(data.score, JSON.stringify(data.contributions)).toBeGreaterThanOrEqual(90);
    expect(data.computed_at).toMatch(/\+08:00$/);
    expect(data.trend).toEqual({ delta_30d: null, direction: 'flat', history: [{ day: today, score: data.score }] });
    const finance = data.contributions.find((c: { factor: string }) => c.factor === 'finance');
    expect(finance).toMatchObject({ missing: true, weight: 0, points: 0, label: { zh: '财务', en: 'Finance' } });
    const stored = rawRows<{ n: number }>(await t.ctx.handle.db.execute(sql`select count(*)::int as n from health_scores where tenant_id = ${t.tenant.id} and customer_id = ${good}`));
    expect(stored[0]!.n).toBe(1);
  });

  it('scores breaches, low ratings and overdue invoices red, contributions summing to the score, largest first', async () => {
    const data = (await health(bad)).body.data;
    expect(data.band).toBe('red');
    expect(data.score).toBeLessThan(40);
    expect(data.churn_risk).toBe('high');
    const points = data.contributions.map((c: { points: number }) => c.points);
    expect(Math.round(points.reduce((a: number, b: number) => a + b, 0) * 10) / 10).toBe(data.score);
    expect(points).toEqual([...points].sort((a, b) => b - a));
    const byFactor = Object.fromEntries(data.contributions.map((c: { factor: string; score: number | null; value: number | null }) => [c.factor, c]));
    expect(byFactor.sla).toMatchObject({ score: 0, value: 1 });
    expect(byFactor.satisfaction).toMatchObject({ score: 0, value: 1 });
    expect(byFactor.finance.score).toBe(0);
    expect(byFactor.finance.missing).toBe(false);
  });

  it('shows the history and the 30-day trend after recomputing on two days', async () => {
    // 25 days ago none of the tickets existed yet: the score then was higher.
    const earlier = await recompute(bad, daysAgo(25));
    expect(earlier.status).toBe(200);
    const later = (await recompute(bad)).body.data;
    expect(later.trend.history).toEqual([
      { day: businessDate(new Date(now.getTime() - 25 * DAY)), score: earlier.body.data.score },
      { day: today, score: later.score },
    ]);
    expect(later.trend.delta_30d).toBe(later.score - earlier.body.data.score);
    expect(later.trend.direction).toBe('down');
  });

  it('uses the renewal weights when the contract in force ends within 90 days', async () => {
    const { customerId } = await activeContract(t.ctx, t.as.admin, '续约期软件有限公司', { end_date: addDays(today, 60) });
    const data = (await health(customerId)).body.data;
    expect(data.stage).toBe('renewal');
    const contract = data.contributions.find((c: { factor: string }) => c.factor === 'contract');
    // 60 days before the end: halfway between 40 (30 days) and 70 (90 days)
    expect(contract).toMatchObject({ value: 60, score: 55, missing: false });
  });

  it('answers 403 to portal users and 404 for a customer of another tenant or none', async () => {
    expect((await health(good, await t.tenant.token('customer', { customer_id: good }))).status).toBe(403);
    const other = await t.ctx.createTenant();
    expect((await health(good, await other.token('admin'))).status).toBe(404);
    expect((await health(999_999)).status).toBe(404);
    const support = await t.tenant.token('support');
    expect((await t.request('POST', `/api/v1/customers/${good}/health/recompute`, { token: support })).status).toBe(403);
  });
});

describe('GET /api/v1/health', () => {
  it('lists customers lowest score first, filters by band and pages', async () => {
    const all = (await t.request('GET', '/api/v1/health?limit=1', { as: 'admin' })).body.data;
    expect(all.items[0]).toMatchObject({ customer_id: bad, band: 'red', customer_name: '风险物流有限公司' });
    const rest = (await t.request('GET', `/api/v1/health?limit=10&cursor=${all.next_cursor}`, { as: 'admin' })).body.data;
    expect(rest.next_cursor).toBeNull();
    const scores = [all.items[0], ...rest.items].map((i: { score: number }) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(rest.items.map((i: { customer_id: number }) => i.customer_id)).toContain(good);
    expect(rest.items.map((i: { customer_id: number }) => i.customer_id)).not.toContain(bad);
    const green = (await t.request('GET', '/api/v1/health?band=green', { as: 'admin' })).body.data;
    expect(green.items.map((i: { customer_id: number }) => i.customer_id)).toContain(good);
    expect(green.items.every((i: { band: string }) => i.band === 'green')).toBe(true);
    expect((await t.request('GET', '/api/v1/health', { token: await t.tenant.token('customer', { customer_id: good }) })).status).toBe(403);
  });
});

describe('survey answers in the satisfaction factor', () => {
  it('averages survey ratings (CSAT, else 1 + NPS × 0.4) with the ticket ratings of the last 90 days', async () => {
    const { customerId } = await customerWithContact(t.ctx, t.as.admin, '问卷满意度科技有限公司');
    expect((await pushTickets([ticket(customerId, 'S-1', { satisfaction_rating: 5 }), ticket(customerId, 'S-2', { satisfaction_rating: 5, opened_at: daysAgo(30) })])).status).toBe(200);
    const factor = async () => (await health(customerId)).body.data.contributions.find((c: { factor: string }) => c.factor === 'satisfaction');
    expect((await factor()).value).toBe(5);
    const first = await launchedSurvey(t.ctx, t.tenant, t.as.admin, [customerId]);
    await submitSurvey(t.ctx, first.tokens.get(customerId)!, { nps: 3, csat: 2 });
    expect((await recompute(customerId)).status).toBe(200);
    // (5 + 5 + 2) / 3 = 4: the CSAT answer counts as one more rating.
    expect((await factor()).value).toBe(4);
    const second = await launchedSurvey(t.ctx, t.tenant, t.as.admin, [customerId]);
    await submitSurvey(t.ctx, second.tokens.get(customerId)!, { nps: 0 });
    await recompute(customerId);
    // Without a CSAT answer the NPS 0 stands as 1: (5 + 5 + 2 + 1) / 4 = 3.25.
    expect((await factor()).value).toBe(3.25);
  });
});
