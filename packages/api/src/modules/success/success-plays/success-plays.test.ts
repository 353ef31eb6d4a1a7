import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw-rows.ts';
import { addDays, businessDate } from '../../../platform/time/calendar-date.ts';
import { useTestTenant } from '../../../test-support/index.ts';
import { fire } from '../../contracts-sla/contracts/contracts-test-helpers.ts';
import { activeContract } from '../../contracts-sla/sla-bindings/sla-test-helpers.ts';
import { launchedSurvey, submitSurvey } from '../surveys/survey-test-helpers.ts';
import { runSuccessPlays } from './success-plays.jobs.ts';
import { businessQuarter } from './success-plays.service.ts';

const t = useTestTenant(['admin']);
let apiKey: string;
let managerId: number;

/** A day whose next day is in the same quarter (the quarterly dedupe is what the last test checks). */
const today = businessDate(new Date());
const day0 = businessQuarter(new Date(`${addDays(today, 1)}T10:00:00+08:00`)) === businessQuarter(new Date(`${today}T10:00:00+08:00`)) ? today : addDays(today, -1);
const at = (day: string, time: string) => new Date(`${day}T${time}+08:00`);
const local = (offset: number, time = '10:00:00') => `${addDays(day0, offset)}T${time}+08:00`;
/** Before 03:00 Beijing the daily scan is not due: only the event-driven plays run. */
const runEvents = () => runSuccessPlays({ db: t.ctx.handle.db, keyRing: t.ctx.keyRing }, at(day0, '01:00:00'));
const runDaily = (day = day0) => runSuccessPlays({ db: t.ctx.handle.db, keyRing: t.ctx.keyRing }, at(day, '10:00:00'));

const count = async (query: ReturnType<typeof sql>) => rawRows<{ n: number }>(await t.ctx.handle.db.execute(query))[0]!.n;
const tasksOf = async (customerId: number) =>
  (await t.request('GET', `/api/v1/tasks?customer_id=${customerId}&limit=100`, { as: 'admin' })).body.data.items as {
    id: number;
    title: string;
    type: string;
    description: string | null;
    priority: string;
    assignee_id: number | null;
    contract_id: number | null;
    risk_alert_id: number | null;
    checklist: { text: string }[];
    source_key: string | null;
  }[];
const alertsOf = async (customerId: number, cause: string) => (await t.request('GET', `/api/v1/risk-alerts?customer_id=${customerId}&cause=${cause}`, { as: 'admin' })).body.data.items;
const rate = (customerId: number, externalId: string, rating: number, closedDay: number) =>
  t.request('PUT', `/api/v1/integrations/tickets/itsm/${externalId}`, {
    headers: { 'X-Api-Key': apiKey },
    body: { customer: { id: customerId }, title: '打印服务异常', priority: 'P3', status: 'closed', opened_at: local(closedDay - 1), resolved_at: local(closedDay, '09:00:00'), closed_at: local(closedDay), satisfaction_rating: rating },
  });
const customerOf = (name: string, contract: Record<string, unknown> = {}) =>
  activeContract(t.ctx, t.as.admin, name, { sla_tier_code: 'standard', ...contract }, { assigned_manager_id: managerId });

beforeAll(async () => {
  managerId = await t.tenant.userIdOf(`mgr@${t.tenant.code}`);
  apiKey = await t.tenant.integrationKey('工单与埋点');
});

describe('satisfaction play', () => {
  it('three falling ratings open one satisfaction alert with the care plan on the board — never twice', async () => {
    const { customerId } = await customerOf('满意度下降测试有限公司');
    // A tenant seeded before the care plan existed: its next playbook read adds the new default.
    await t.request('GET', '/api/v1/playbooks', { as: 'admin' });
    await t.ctx.handle.db.execute(sql`delete from playbooks where tenant_id = ${t.tenant.id} and code = 'care_plan'`);
    for (const [id, rating, day] of [['SAT-1', 4, -20], ['SAT-2', 3, -12], ['SAT-3', 2, -4]] as const) expect((await rate(customerId, id, rating, day)).status).toBe(200);

    expect((await runEvents()).care_alerts).toBe(1);
    const [alert] = await alertsOf(customerId, 'satisfaction_decline');
    expect(alert).toMatchObject({ status: 'open', cause_text: { zh: '满意度持续下降' }, trigger: { falling: true, latest: 2, drop: 2 }, notified: { user_ids: [managerId] } });
    expect(alert.trigger.ratings.map((r: { rating: number }) => r.rating)).toEqual([4, 3, 2]);
    const care = await tasksOf(customerId);
    expect(care.map((t) => t.title).sort()).toEqual(['制定服务改进计划', '改进后满意度回访', '满意度下降关怀回访']);
    expect(care.every((t) => t.risk_alert_id === alert.id && t.assignee_id === managerId && t.checklist.length > 0)).toBe(true);
    expect(care.map((t) => t.type).sort()).toEqual(['care_call', 'care_plan', 'care_plan']);
    const board = (await t.request('GET', '/api/v1/tasks?view=board&assignee=' + managerId, { as: 'admin' })).body.data;
    expect(JSON.stringify(board)).toContain('满意度下降关怀回访');

    expect((await runEvents()).care_alerts).toBe(0);
    // A rise breaks the trend: nothing new either.
    await rate(customerId, 'SAT-4', 5, -2);
    expect((await runEvents()).care_alerts).toBe(0);
    expect(await alertsOf(customerId, 'satisfaction_decline')).toHaveLength(1);
    expect(await tasksOf(customerId)).toHaveLength(3);

    const plays = await t.request('GET', `/api/v1/customers/${customerId}/success-plays`, { as: 'admin' });
    expect(plays.status).toBe(200);
    expect(plays.body.data.satisfaction).toMatchObject({ falling: false, latest: 5, window: 3, max_latest: 3 });
    expect(plays.body.data.satisfaction.ratings.map((r: { rating: number }) => r.rating)).toEqual([3, 2, 5]);
  });
});

describe('satisfaction play with surveys', () => {
  it('a survey answer after two ticket ratings counts in the trend: a low NPS completes a falling three', async () => {
    const { customerId } = await customerOf('问卷评分下降测试有限公司');
    for (const [id, rating, day] of [['SRV-1', 5, -20], ['SRV-2', 4, -10]] as const) expect((await rate(customerId, id, rating, day)).status).toBe(200);
    expect((await runEvents()).care_alerts).toBe(0);
    const { tokens } = await launchedSurvey(t.ctx, t.tenant, t.as.admin, [customerId]);
    // No CSAT answered: the NPS 2 stands on the 1–5 scale as 1 + 2 × 0.4 = 1.8.
    const responseId = await submitSurvey(t.ctx, tokens.get(customerId)!, { nps: 2 });

    expect((await runEvents()).care_alerts).toBe(1);
    const [alert] = await alertsOf(customerId, 'satisfaction_decline');
    expect(alert.trigger.ratings.map((r: { source: string; rating: number }) => [r.source, r.rating])).toEqual([['service_record', 5], ['service_record', 4], ['survey', 1.8]]);
    expect(alert.trigger.ratings[2].id).toBe(responseId);
    expect((await runEvents()).care_alerts).toBe(0);
  });
});

describe('renewal play', () => {
  it('a contract entering its notice window gets the renewal playbook; a red customer also a renewal-at-risk alert', async () => {
    const red = await customerOf('续约风险测试有限公司', { end_date: addDays(today, 20), notice_period_days: 30 });
    const unscored = await customerOf('续约准备测试有限公司', { end_date: addDays(today, 25), notice_period_days: 30 });
    const policy = (await t.request('GET', '/api/v1/health/policy', { as: 'admin' })).body.data;
    const strict = { thresholds: { green: 99, yellow: 98 }, weights: policy.weights, alert_rules: policy.alert_rules };
    expect((await t.request('PUT', '/api/v1/health/policy', { as: 'admin', body: strict, headers: { 'If-Match': '*' } })).status).toBe(200);
    expect((await t.request('POST', `/api/v1/customers/${red.customerId}/health/recompute`, { as: 'admin' })).body.data.band).toBe('red');
    for (const { contractId } of [red, unscored]) expect((await fire(t.ctx, t.as.admin, contractId, { event: 'enter_notice_window' })).status).toBe(200);

    expect(await runEvents()).toMatchObject({ renewals_prepared: 2, renewal_alerts: 1 });
    for (const { customerId, contractId } of [red, unscored]) {
      const renewal = await tasksOf(customerId);
      expect(renewal.map((t) => t.title)).toEqual(expect.arrayContaining(['续约意向沟通', '准备续约报价', '续约谈判']));
      expect(renewal.every((t) => t.type === 'renewal_preparation' && t.contract_id === contractId && t.assignee_id === managerId)).toBe(true);
    }
    const [alert] = await alertsOf(red.customerId, 'contract_expiry');
    expect(alert).toMatchObject({ trigger: { contract_id: red.contractId, band: 'red' }, task: { title: '续约意向沟通' } });
    expect(await alertsOf(unscored.customerId, 'contract_expiry')).toEqual([]);

    expect(await runEvents()).toMatchObject({ renewals_prepared: 0, renewal_alerts: 0 });
    expect(await tasksOf(red.customerId)).toHaveLength(3);
    expect(await alertsOf(red.customerId, 'contract_expiry')).toHaveLength(1);
    expect((await t.request('PUT', '/api/v1/health/policy', { as: 'admin', body: { ...strict, thresholds: policy.thresholds }, headers: { 'If-Match': '*' } })).status).toBe(200);
  });
});

describe('daily opportunity scan', () => {
  it('pushes an expansion task for a green, growing customer and a renewal task for a contract ending in 90 days, once a quarter', async () => {
    const growing = await customerOf('扩容机会测试有限公司');
    const ending = await customerOf('续约机会测试有限公司', { end_date: addDays(day0, 90) });
    const logins = [...[-50, -45, -40, -36].map((d, i) => ({ d, u: `老用户${i}` })), ...[-25, -20, -15, -10, -6, -3].map((d, i) => ({ d, u: `用户${i}` }))];
    const usage = await t.request('POST', '/api/v1/integrations/usage-events', {
      headers: { 'X-Api-Key': apiKey },
      body: { source: 'portal', events: logins.map(({ d, u }, i) => ({ event_id: `L${i}`, customer: { id: growing.customerId }, user_id: u, kind: 'login', at: local(d) })) },
    });
    expect(usage.body.data.counted).toBe(logins.length);
    const health = await t.request('POST', `/api/v1/customers/${growing.customerId}/health/recompute?as_of=${encodeURIComponent(at(day0, '09:00:00').toISOString())}`, { as: 'admin' });
    expect(health.body.data.band).toBe('green');

    expect((await runDaily()).daily_tenants).toBeGreaterThanOrEqual(1);
    const [expansion] = await tasksOf(growing.customerId).then((list) => list.filter((t) => t.type === 'expansion'));
    expect(expansion).toMatchObject({ title: '扩容机会：扩容机会测试有限公司', assignee_id: managerId, source_key: `opportunity:expansion:${growing.customerId}:${businessQuarter(at(day0, '10:00:00'))}` });
    expect(expansion!.description).toContain('扩容增购');
    expect(expansion!.description).toContain('较前 30 天增长 50%');
    const [renewal] = await tasksOf(ending.customerId);
    expect(renewal).toMatchObject({ type: 'renewal_preparation', title: '续约挽留：续约机会测试有限公司', contract_id: ending.contractId, priority: 'high', assignee_id: managerId });
    expect(renewal!.description).toContain(`将于 ${addDays(day0, 90)} 到期（90 天后）`);

    const plays = (await t.request('GET', `/api/v1/customers/${growing.customerId}/success-plays`, { as: 'admin' })).body.data;
    expect(plays.opportunities.map((o: { play: string }) => o.play)).toEqual(['upsell']);

    const opportunityEvents = sql`select count(*)::int as n from events where tenant_id = ${t.tenant.id} and type = 'opportunity.identified' and (payload->>'customer_id')::bigint in (${growing.customerId}, ${ending.customerId})`;
    expect(await count(opportunityEvents)).toBe(2);
    expect((await runDaily()).daily_tenants).toBe(0);
    expect((await runDaily(addDays(day0, 1))).daily_tenants).toBeGreaterThanOrEqual(1);
    expect(await count(opportunityEvents)).toBe(2);
    expect(await tasksOf(growing.customerId).then((list) => list.filter((t) => t.type === 'expansion'))).toHaveLength(1);
    expect(await tasksOf(ending.customerId)).toHaveLength(1);
  });

  it('the success plays read is staff-only and tenant-bound', async () => {
    const { customerId } = await customerOf('权限测试有限公司');
    const portal = await t.tenant.token('customer', { customer_id: customerId });
    expect((await t.request('GET', `/api/v1/customers/${customerId}/success-plays`, { token: portal })).status).toBe(403);
    const other = await t.ctx.createTenant();
    expect((await t.request('GET', `/api/v1/customers/${customerId}/success-plays`, { token: await other.token('admin') })).status).toBe(404);
  });
});
