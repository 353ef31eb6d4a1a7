/**
 * The demo tenant's health and risk picture: finance, usage and operations data (demo-finance-usage.ts), a
 * churn model trained on the simulated history and stored through `storeChurnModel` like an uploaded one,
 * then the health of every customer computed 60 and 30 days back and today, so scores have a trend and the
 * declining customers fall (the critical ones also get a pile of bad tickets through the ticket ingest); today's changes go through the real risk flow (`openAlertsForHealthChanges`),
 * which opens the alerts and their playbook tasks.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/create-db.ts';
import type { KeyRing } from '../platform/crypto/key-ring.ts';
import { systemScope } from '../platform/system-scope.ts';
import type { TenantSettings } from '../platform/identity/tenants.schema.ts';
import { users } from '../platform/identity/users.schema.ts';
import { customers } from '../modules/customers/customers/customers.schema.ts';
import { churnExamplesFromHistory, generateChurnHistory } from '../modules/success/health/churn-history.ts';
import { trainChurnModel } from '../modules/success/health/churn-model.ts';
import { storeChurnModel } from '../modules/success/health/churn-models.service.ts';
import { recomputeHealth } from '../modules/success/health/health.service.ts';
import { openAlertsForHealthChanges } from '../modules/success/risk-alerts/risk-alerts.service.ts';
import { upsertTicketBatch } from '../modules/service/service-records/ticket-ingest.service.ts';
import { demoTrajectories, seedDemoFinanceUsage } from './demo-finance-usage.ts';

/** The history the demo model learns from: a fixed seed and 800 simulated customers (well under a second to generate and train). */
export const DEMO_CHURN_HISTORY = { seed: 7, customers: 800 } as const;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const ESCALATIONS = ['核心业务系统反复宕机', '数据库性能严重下降', '全网断网无法办公', '备份恢复失败', '邮件系统整体不可用'];

/** Tickets piling up for a critical customer in the last 60 days: half P1, slow, rated 1–2 — pushed like the ticket system would. */
function escalatingTickets(customerId: number, now: Date): Record<string, unknown>[] {
  return Array.from({ length: 24 }, (_, k) => {
    const opened = now.getTime() - (2 + ((k * 37) % 58)) * DAY - (k % 9) * HOUR;
    return {
      external_id: `DEMO-ESC-${customerId}-${k + 1}`,
      customer: { id: customerId },
      title: ESCALATIONS[k % ESCALATIONS.length],
      priority: k % 2 ? 'P1' : 'P2',
      status: 'resolved',
      opened_at: new Date(opened).toISOString(),
      first_response_at: new Date(opened + 3 * HOUR).toISOString(),
      resolved_at: new Date(opened + 50 * HOUR).toISOString(),
      satisfaction_rating: 1 + (k % 2),
    };
  });
}

/**
 * Seeds finance, usage and operations data, the demo churn model and the first health scores and risk alerts.
 * @returns what was written, for tests.
 * @example await seedDemoHealth(tx, demoId, keyRing, { manager_data_scope: 'all' }, new Date())
 */
export async function seedDemoHealth(tx: Db, tenantId: number, keyRing: KeyRing, settings: TenantSettings, now: Date) {
  const scope = systemScope(tx, tenantId, keyRing, settings, 'seed');
  const [portal] = await tx.select({ customer_id: users.customer_id }).from(users).where(and(eq(users.tenant_id, tenantId), eq(users.username, 'customer@demo')));
  const trajectories = await demoTrajectories(tx, tenantId, portal?.customer_id ?? null);
  const written = await seedDemoFinanceUsage(tx, tenantId, trajectories, now);
  const critical = trajectories.filter((t) => t.trajectory === 'critical').map((t) => t.id);
  if (critical.length) await upsertTicketBatch(scope, 'demo-itsm', critical.flatMap((id) => escalatingTickets(id, now)), now);

  const history = generateChurnHistory(DEMO_CHURN_HISTORY);
  const examples = churnExamplesFromHistory(history);
  const { parameters, backtest } = trainChurnModel(examples, { seed: DEMO_CHURN_HISTORY.seed });
  const model = await storeChurnModel(scope, {
    parameters,
    metrics: backtest,
    trained_on: { source: 'generator', ...DEMO_CHURN_HISTORY, start: history.start, days: history.days, horizon_days: 180, examples: examples.length, churned_examples: examples.filter((e) => e.churned).length, trained_at: now.toISOString() },
  });

  const ids = (await tx.select({ id: customers.id }).from(customers).where(eq(customers.tenant_id, tenantId))).map((c) => c.id);
  for (const daysAgo of [60, 30]) await recomputeHealth(scope, ids, new Date(now.getTime() - daysAgo * DAY), 'seed');
  const changes = await recomputeHealth(scope, ids, now, 'seed');
  const alerts = await openAlertsForHealthChanges(scope, changes, now);
  return { ...written, model_id: model.id, scored: changes.length, alerts: alerts.length, critical };
}
