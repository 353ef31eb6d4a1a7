import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw-rows.ts';
import { withTenant } from '../../../db/tenant-tx.ts';
import { systemScope } from '../../../platform/system-scope.ts';
import { useTestTenant } from '../../../test-support/index.ts';
import { activeContract } from '../../contracts-sla/sla-bindings/sla-test-helpers.ts';
import { runHealthRecompute } from '../health/health.jobs.ts';
import { runWebhookDeliveries } from '../../integrations/webhooks/webhooks.jobs.ts';
import { openAlertsForHealthChanges, openRiskAlerts, riskPlaybookTask } from './risk-alerts.service.ts';
import type { RiskSignal } from './risk-rules.ts';

// The webhook receiver below listens on loopback: private targets are allowed here, explicitly.
const t = useTestTenant(['admin'], { env: { CRM_WEBHOOK_ALLOW_PRIVATE: 'true' } });
let managerId: number;
let customerId: number;

const open = (signals: RiskSignal[], now = new Date('2026-05-04T02:00:00Z')) =>
  withTenant(t.ctx.handle.db, t.tenant.id, (tx) => openRiskAlerts(systemScope(tx, t.tenant.id, t.ctx.keyRing, { manager_data_scope: 'all' }, 'health'), signals, now, riskPlaybookTask));
const count = async (query: ReturnType<typeof sql>) => rawRows<{ n: number }>(await t.ctx.handle.db.execute(query))[0]!.n;

beforeAll(async () => {
  managerId = await t.tenant.userIdOf(`mgr@${t.tenant.code}`);
  ({ customerId } = await activeContract(t.ctx, t.as.admin, '风险预警测试有限公司', { sla_tier_code: 'standard', start_date: '2026-01-01', end_date: '2026-12-31' }, { assigned_manager_id: managerId, level: 4 }));
});

describe('risk alert chain', () => {
  it('opens one alert per customer and cause with its SLA suggestion, notification, event and task — never twice', async () => {
    const signal: RiskSignal = { customerId, cause: 'band_drop', trigger: { from_band: 'green', to_band: 'red', from_score: 74, to_score: 35 } };
    const [alert] = await open([signal]);
    expect(alert).toMatchObject({ customer_id: customerId, cause: 'band_drop', status: 'open' });
    expect(alert!.suggestion).toMatchObject({ kind: expect.stringMatching(/sla_upgrade|proactive_reviews/) });
    expect(alert!.notified).toMatchObject({ user_ids: [managerId], event: 'risk_alert.opened' });
    expect(alert!.task_id).toEqual(expect.any(Number));

    expect(await open([signal])).toEqual([]);
    expect(await count(sql`select count(*)::int as n from risk_alerts where tenant_id = ${t.tenant.id} and customer_id = ${customerId}`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from notifications where tenant_id = ${t.tenant.id} and kind = 'risk_alert.opened' and recipient_id = ${managerId}`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from events where tenant_id = ${t.tenant.id} and type = 'risk_alert.opened'`)).toBe(1);
    // The risk playbook's three tasks, all for the manager and linked to the alert; asking again made none.
    expect(await count(sql`select count(*)::int as n from tasks where tenant_id = ${t.tenant.id} and risk_alert_id = ${alert!.id} and assignee_id = ${managerId}`)).toBe(3);
  });

  it('shows the whole chain in the API, and a closed alert lets the cause open a new one', async () => {
    const list = await t.request('GET', `/api/v1/risk-alerts?customer_id=${customerId}`, { as: 'admin' });
    expect(list.status).toBe(200);
    const [alert] = list.body.data.items;
    expect(alert).toMatchObject({ customer_name: '风险预警测试有限公司', cause: 'band_drop', cause_text: { zh: '健康度等级下降' }, trigger: { to_band: 'red' }, task: { title: expect.any(String), status: 'todo', assignee_id: managerId } });

    expect((await t.request('POST', `/api/v1/risk-alerts/${alert.id}/acknowledge`, { as: 'admin' })).body.data.status).toBe('acknowledged');
    expect((await t.request('POST', `/api/v1/risk-alerts/${alert.id}/acknowledge`, { as: 'admin' })).status).toBe(409);
    const closed = await t.request('POST', `/api/v1/risk-alerts/${alert.id}/close`, { as: 'admin', body: { note: '高层拜访后客户续约' } });
    expect(closed.body.data).toMatchObject({ status: 'closed', closed_at: expect.any(String) });

    const [again] = await open([{ customerId, cause: 'band_drop', trigger: { from_band: 'yellow', to_band: 'red' } }]);
    expect(again!.id).not.toBe(alert.id);
  });

  it('is staff-only and tenant-bound', async () => {
    const portal = await t.tenant.token('customer', { customer_id: customerId });
    expect((await t.request('GET', '/api/v1/risk-alerts', { token: portal })).status).toBe(403);
    const other = await t.ctx.createTenant();
    const [alert] = (await t.request('GET', '/api/v1/risk-alerts', { as: 'admin' })).body.data.items;
    expect((await t.request('GET', `/api/v1/risk-alerts/${alert.id}`, { token: await other.token('admin') })).status).toBe(404);
    expect((await t.request('GET', '/api/v1/risk-alerts?status=bogus', { as: 'admin' })).status).toBe(400);
  });

  it('opens from the health recomputation when a rule fires: the event arrives, the score is recomputed, the alert and its task follow once', async () => {
    const { customerId: other } = await activeContract(t.ctx, t.as.admin, '健康度联动测试有限公司', { sla_tier_code: 'standard', start_date: '2026-01-01', end_date: '2026-12-31' }, { assigned_manager_id: managerId });
    const policy = await t.request('GET', '/api/v1/health/policy', { as: 'admin' });
    const strict = { thresholds: policy.body.data.thresholds, weights: policy.body.data.weights, alert_rules: { fall_points: 15, churn_probability: 0.01 } };
    expect((await t.request('PUT', '/api/v1/health/policy', { as: 'admin', body: strict, headers: { 'If-Match': policy.headers.get('etag')! } })).status).toBe(200);
    const deps = { db: t.ctx.handle.db, keyRing: t.ctx.keyRing, onChanges: (scope: Parameters<typeof openAlertsForHealthChanges>[0], changes: Parameters<typeof openAlertsForHealthChanges>[1]) => openAlertsForHealthChanges(scope, changes).then(() => undefined) };
    await runHealthRecompute(deps, new Date());
    const alerts = async () => (await t.request('GET', `/api/v1/risk-alerts?customer_id=${other}&cause=churn_probability`, { as: 'admin' })).body.data.items;
    const [alert] = await alerts();
    expect(alert).toMatchObject({ cause: 'churn_probability', status: 'open', trigger: { threshold: 0.01 }, notified: { user_ids: [managerId] }, task: { assignee_id: managerId } });
    await runHealthRecompute(deps, new Date());
    expect(await alerts()).toHaveLength(1);
  });

  it('shows the signed webhook to the notification module in the chain once it is delivered', async () => {
    const receiver = createServer((req, res) => req.resume().on('end', () => res.writeHead(204).end()));
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
      const hook = (await t.request('POST', '/api/v1/webhooks', { as: 'admin', body: { name: '门户通知模块', target: 'notification', url, event_types: ['risk_alert.opened'] } })).body.data;
      const [alert] = (await t.request('GET', `/api/v1/risk-alerts?customer_id=${customerId}&status=open`, { as: 'admin' })).body.data.items;
      expect(alert.notified.webhooks).toEqual([]);
      await runWebhookDeliveries({ db: t.ctx.handle.db, keyRing: t.ctx.keyRing, allowPrivate: true }, new Date(Date.now() + 60_000));
      const shown = (await t.request('GET', `/api/v1/risk-alerts/${alert.id}`, { as: 'admin' })).body.data;
      expect(shown.notified.webhooks).toEqual([{ subscription_id: hook.id, subscription_name: '门户通知模块', target: 'notification', status: 'delivered', attempts: 1, last_status_code: 204, delivered_at: expect.any(String) }]);
    } finally {
      receiver.close();
    }
  });
});
