import { and, arrayContains, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { ApiError } from '../../../platform/errors.ts';
import './risk-alerts.errors.ts';
import { emitEvent } from '../../../platform/events.ts';
import { formatLocalDateTime } from '../../../platform/time/local-time.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { users } from '../../../platform/identity/users.schema.ts';
import { customerDirectory, visibleCustomers } from '../../customers/customers/customers.public.ts';
import { notify } from '../notifications/notifications.public.ts';
import { type HealthChange, healthPolicyOf } from '../health/health.public.ts';
import { customerSlaRecommendation } from '../../contracts-sla/sla-bindings/sla-bindings.public.ts';
import { runPlaybook, taskSummaries } from '../tasks/tasks.public.ts';
import { deliveriesOfEvents } from '../../integrations/webhooks/webhooks.public.ts';
import type { RiskAlert, RiskAlertListQuery } from './risk-alerts.contract.ts';
import { riskAlerts, type RiskAlertRow, type RiskCause } from './risk-alerts.schema.ts';
import { detectRiskSignals, type RiskSignal } from './risk-rules.ts';

const CAUSE_TEXT: Record<RiskCause, { zh: string; en: string }> = {
  band_drop: { zh: '健康度等级下降', en: 'Health band dropped' },
  score_fall: { zh: '健康度 30 天内明显下降', en: 'Health fell sharply within 30 days' },
  churn_probability: { zh: '流失概率超过阈值', en: 'Churn probability over the threshold' },
  satisfaction_decline: { zh: '满意度持续下降', en: 'Satisfaction keeps falling' },
  contract_expiry: { zh: '合同即将到期', en: 'Contract about to expire' },
};

/** The SLA module's answer for an at-risk customer: an upgrade when its recommendation is above the tier in force, else proactive reviews. */
async function suggestionFor(scope: RequestScope, customerId: number, now: Date): Promise<Record<string, unknown>> {
  const advice = await customerSlaRecommendation(scope, customerId, now);
  if (advice.comparison?.change === 'upgrade') {
    return {
      kind: 'sla_upgrade',
      current_tier: advice.current_tier,
      tier: advice.recommendation.tier,
      tier_name: advice.recommendation.tier_name,
      message: { zh: `建议将 SLA 升级为${advice.recommendation.tier_name}，并安排高层拜访`, en: `Upgrade the SLA to ${advice.recommendation.tier} and arrange an executive visit` },
    };
  }
  return {
    kind: 'proactive_reviews',
    current_tier: advice.current_tier,
    tier: advice.recommendation.tier,
    message: { zh: '建议增加主动巡检和月度服务回顾，尽快电话关怀', en: 'Add proactive health checks and monthly service reviews; call the customer soon' },
  };
}

/** Who hears of an alert: the customer's manager, else the tenant's admins (an alert nobody hears is no alert). */
async function recipientsOf(scope: RequestScope, customerId: number): Promise<number[]> {
  const [customer] = await scope.tx
    .select({ manager: customerDirectory.assigned_manager_id })
    .from(customerDirectory)
    .where(and(eq(customerDirectory.tenant_id, scope.tenantId), eq(customerDirectory.id, customerId)));
  if (customer?.manager) return [customer.manager];
  const admins = await scope.tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenant_id, scope.tenantId), arrayContains(users.roles, ['admin']), isNull(users.customer_id)));
  return admins.map((a) => a.id);
}

/** How the alert's task is made: the playbook runner of the task board, passed in so this module does not own tasks. */
export type AlertTaskRunner = (scope: RequestScope, alert: RiskAlertRow, assigneeId: number | null) => Promise<number | null>;

/**
 * Opens an alert for each signal unless one for that customer and cause is still open (the partial unique
 * key decides, so concurrent recomputations cannot both open one), and runs its chain: SLA suggestion →
 * in-app notification and `risk_alert.opened` event (webhook delivery reads the outbox) → a CSM task from
 * the risk playbook. Everything lands in the caller's transaction: the chain exists whole or not at all.
 * @returns the alerts opened now.
 */
export async function openRiskAlerts(scope: RequestScope, signals: readonly RiskSignal[], now: Date, runTask: AlertTaskRunner): Promise<RiskAlertRow[]> {
  const opened: RiskAlertRow[] = [];
  for (const signal of signals) {
    const [created] = await scope.tx
      .insert(riskAlerts)
      .values({ tenant_id: scope.tenantId, customer_id: signal.customerId, cause: signal.cause, trigger: signal.trigger, opened_at: now })
      .onConflictDoNothing({ target: [riskAlerts.tenant_id, riskAlerts.customer_id, riskAlerts.cause], where: sql`status <> 'closed'` })
      .returning();
    if (!created) continue;
    const suggestion = await suggestionFor(scope, signal.customerId, now);
    const recipients = await recipientsOf(scope, signal.customerId);
    const text = CAUSE_TEXT[signal.cause];
    await notify(scope, {
      recipient_ids: recipients,
      kind: 'risk_alert.opened',
      title: { zh: `客户风险预警：${text.zh}`, en: `Customer risk alert: ${text.en}` },
      body: suggestion.message as { zh: string; en: string },
      entity_type: 'risk_alert',
      entity_id: created.id,
      data: { customer_id: signal.customerId, cause: signal.cause },
      dedupe_key: `risk_alert:${created.id}`,
    });
    await emitEvent(scope, { type: 'risk_alert.opened', entity_type: 'risk_alert', entity_id: created.id, payload: { customer_id: signal.customerId, cause: signal.cause, trigger: signal.trigger, suggestion } });
    const taskId = await runTask(scope, created, recipients[0] ?? null);
    const notified = { user_ids: recipients, channels: ['in_app', 'event'], event: 'risk_alert.opened', at: now.toISOString() };
    const [row] = await scope.tx
      .update(riskAlerts)
      .set({ suggestion, notified, task_id: taskId })
      .where(and(eq(riskAlerts.tenant_id, scope.tenantId), eq(riskAlerts.id, created.id)))
      .returning();
    await audit(scope, { action: 'risk_alert.opened', entity_type: 'risk_alert', entity_id: created.id, after: row });
    opened.push(row!);
  }
  return opened;
}

const localTime = (date: Date | null) => (date ? formatLocalDateTime(date) : null);

/** Alerts as the API shows them, with customer names and the tasks' current state. */
async function present(scope: RequestScope, rows: readonly RiskAlertRow[]): Promise<RiskAlert[]> {
  const customerIds = [...new Set(rows.map((r) => r.customer_id))];
  const taskIds = rows.flatMap((r) => (r.task_id === null ? [] : [r.task_id]));
  const names = customerIds.length
    ? await scope.tx.select({ id: customerDirectory.id, name: customerDirectory.customer_name }).from(customerDirectory).where(and(eq(customerDirectory.tenant_id, scope.tenantId), inArray(customerDirectory.id, customerIds)))
    : [];
  const taskOf = await taskSummaries(scope, taskIds);
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const webhooksOf = await deliveriesOfEvents(scope, 'risk_alert.opened', rows.map((r) => r.id));
  return rows.map((row) => ({
    id: row.id,
    customer_id: row.customer_id,
    customer_name: nameOf.get(row.customer_id) ?? '',
    cause: row.cause,
    cause_text: CAUSE_TEXT[row.cause],
    status: row.status,
    trigger: row.trigger,
    suggestion: (row.suggestion as RiskAlert['suggestion']) ?? null,
    notified: row.notified ? { ...(row.notified as NonNullable<RiskAlert['notified']>), webhooks: webhooksOf.get(String(row.id)) ?? [] } : null,
    task: row.task_id === null ? null : (taskOf.get(row.task_id) ?? null),
    opened_at: formatLocalDateTime(row.opened_at),
    closed_at: localTime(row.closed_at),
  }));
}

/** Alerts newest first, of customers the caller may see. */
export async function listRiskAlerts(scope: RequestScope, query: RiskAlertListQuery) {
  const where = [eq(riskAlerts.tenant_id, scope.tenantId), visibleCustomerIds(scope)];
  if (query.status) where.push(eq(riskAlerts.status, query.status));
  if (query.cause) where.push(eq(riskAlerts.cause, query.cause));
  if (query.customer_id) where.push(eq(riskAlerts.customer_id, query.customer_id));
  const after = decodeCursor(query.cursor);
  if (after) where.push(lt(riskAlerts.id, after.id));
  const rows = await scope.tx.select().from(riskAlerts).where(and(...where)).orderBy(desc(riskAlerts.id)).limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return { items: await present(scope, items), next_cursor: rows.length > query.limit && last ? encodeCursor({ value: last.id, id: last.id }) : null };
}

/** Restricts alerts to customers the caller may see (portal users never reach here; managers may be limited to theirs). */
const visibleCustomerIds = (scope: RequestScope) =>
  inArray(riskAlerts.customer_id, scope.tx.select({ id: customerDirectory.id }).from(customerDirectory).where(visibleCustomers(scope, customerDirectory)));

async function findAlert(scope: RequestScope, id: number, lock = false): Promise<RiskAlertRow> {
  const query = scope.tx.select().from(riskAlerts).where(and(eq(riskAlerts.tenant_id, scope.tenantId), eq(riskAlerts.id, id), visibleCustomerIds(scope)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new ApiError('risk_alert.not_found', { id });
  return row;
}

export async function getRiskAlert(scope: RequestScope, id: number): Promise<RiskAlert> {
  return (await present(scope, [await findAlert(scope, id)]))[0]!;
}

/**
 * Acknowledges (open → acknowledged) or closes (open | acknowledged → closed) an alert; anything else is 409.
 * @example await stepRiskAlert(scope, 12, 'close', 'Customer renewed after the visit', new Date())
 */
export async function stepRiskAlert(scope: RequestScope, id: number, action: 'acknowledge' | 'close', note: string | undefined, now: Date): Promise<RiskAlert> {
  const before = await findAlert(scope, id, true);
  const allowed = action === 'acknowledge' ? before.status === 'open' : before.status !== 'closed';
  if (!allowed) throw new ApiError('risk_alert.invalid_transition', { status: before.status, action });
  const [row] = await scope.tx
    .update(riskAlerts)
    .set(action === 'acknowledge' ? { status: 'acknowledged' } : { status: 'closed', closed_at: now })
    .where(and(eq(riskAlerts.tenant_id, scope.tenantId), eq(riskAlerts.id, id)))
    .returning();
  await audit(scope, { action: `risk_alert.${action}`, entity_type: 'risk_alert', entity_id: id, before: { status: before.status }, after: { status: row!.status, note: note ?? null } });
  await emitEvent(scope, { type: `risk_alert.${action === 'acknowledge' ? 'acknowledged' : 'closed'}`, entity_type: 'risk_alert', entity_id: id, payload: { customer_id: row!.customer_id, cause: row!.cause, note: note ?? null } });
  return (await present(scope, [row!]))[0]!;
}

/**
 * The task runner of the risk flow: the tenant's `risk_mitigation` playbook for the customer, linked to the
 * alert (its tasks all carry `risk_alert_id`; the alert shows the first). Re-running for the same alert
 * creates nothing.
 */
export const riskPlaybookTask: AlertTaskRunner = async (scope, alert, assigneeId) => {
  const run = await runPlaybook(scope, 'risk_mitigation', { customer_id: alert.customer_id, risk_alert_id: alert.id, ...(assigneeId ? { assignee_id: assigneeId } : {}) });
  return run.tasks[0]?.id ?? null;
};

/**
 * The risk flow's hook on the health recomputation (`HealthJobDeps.onChanges`): each change is read
 * against the tenant's alert rules and every cause that fires opens its alert and chain, in the
 * recomputation's transaction.
 * @example runHealthRecompute({ db, keyRing, onChanges: openAlertsForHealthChanges }, now) // as health.module.ts wires it
 */
export async function openAlertsForHealthChanges(scope: RequestScope, changes: readonly HealthChange[], now = new Date()): Promise<RiskAlertRow[]> {
  const rules = (await healthPolicyOf(scope)).alert_rules;
  const signals = changes.flatMap((change) =>
    detectRiskSignals(
      {
        customerId: change.customer_id,
        previous: change.previous,
        current: { score: change.score, band: change.band, churn_probability: change.churn_probability },
        score30dAgo: change.score_30d_ago,
      },
      rules,
    ),
  );
  return signals.length ? openRiskAlerts(scope, signals, now, riskPlaybookTask) : [];
}
