import { and, eq, inArray } from 'drizzle-orm';
import { addDays, businessDate } from '../../../platform/time/calendar-date.ts';
import { emitEvent } from '../../../platform/events.ts';
import { formatLocalDateTime } from '../../../platform/time/local-time.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { staffUserIds } from '../../../platform/staff-users.ts';
import { contractDirectory } from '../../contracts-sla/contracts/contracts.public.ts';
import { customerDirectory, findVisibleCustomer } from '../../customers/customers/customers.public.ts';
import { currentHealthBands } from '../health/health.public.ts';
import { type AlertTaskRunner, openRiskAlerts, type RiskSignal } from '../risk-alerts/risk-alerts.public.ts';
import { createTask, runPlaybook, takenTaskSourceKeys, type TaskPriority } from '../tasks/tasks.public.ts';
import { identifyOpportunities, opportunityDescription, type Opportunity, type OpportunityPlay } from './opportunity-rules.ts';
import { satisfactionTrend } from './satisfaction-trend.ts';
import { latestRatings, opportunityFacts } from './success-plays-facts.ts';
import type { CustomerSuccessPlays } from './success-plays.contract.ts';

/**
 * The task runner of a satisfaction alert: the `care_plan` playbook (关怀计划) for the customer, linked to the
 * alert, due from `now`; re-running for the same alert creates nothing.
 * @example await openRiskAlerts(scope, signals, now, carePlanTask(now))
 */
export const carePlanTask =
  (now: Date): AlertTaskRunner =>
  async (scope, alert, assigneeId) => {
    const run = await runPlaybook(scope, 'care_plan', { customer_id: alert.customer_id, risk_alert_id: alert.id, ...(assigneeId ? { assignee_id: assigneeId } : {}) }, now);
    return run.tasks[0]?.id ?? null;
  };

/**
 * The satisfaction play: for customers whose new ratings arrived (`rated` names, per customer, the rated
 * items as `service_record:<id>` or `complaint:<id>`), reads their latest ratings of every source set-wise
 * (one statement per source) and opens a `satisfaction_decline` alert with a care plan where the latest ratings fall and the
 * newest of them is one that just arrived (a ticket update that adds no rating never re-fires an old trend).
 * @returns the number of alerts opened.
 * @example await satisfactionPlays(scope, new Map([[7, new Set(['service_record:31'])]]), new Date())
 */
export async function satisfactionPlays(scope: RequestScope, rated: ReadonlyMap<number, ReadonlySet<string>>, now: Date): Promise<number> {
  if (rated.size === 0) return 0;
  const ratings = await latestRatings(scope, [...rated.keys()]);
  const signals: RiskSignal[] = [];
  for (const [customerId, items] of rated) {
    const trend = satisfactionTrend(ratings.get(customerId) ?? []);
    const newest = trend.ratings.at(-1);
    if (trend.falling && newest && items.has(`${newest.source}:${newest.id}`)) signals.push({ customerId, cause: 'satisfaction_decline', trigger: { ...trend } });
  }
  return signals.length ? (await openRiskAlerts(scope, signals, now, carePlanTask(now))).length : 0;
}

/**
 * The renewal play for contracts that entered their notice window: the `renewal_preparation` playbook for
 * each (anchored on the contract, so once per contract), and, when the customer's health band is yellow or
 * red, a `contract_expiry` alert (renewal at risk) whose task is that renewal run.
 * @returns the contracts prepared and the alerts opened.
 * @example await renewalPlays(scope, [12], new Date()) // { prepared: 1, alerts: 0 }
 */
export async function renewalPlays(scope: RequestScope, contractIds: readonly number[], now: Date): Promise<{ prepared: number; alerts: number }> {
  if (contractIds.length === 0) return { prepared: 0, alerts: 0 };
  const rows = await scope.tx
    .select({ id: contractDirectory.id, customer_id: contractDirectory.customer_id, contract_no: contractDirectory.contract_no, end_date: contractDirectory.end_date })
    .from(contractDirectory)
    .where(and(eq(contractDirectory.tenant_id, scope.tenantId), inArray(contractDirectory.id, [...new Set(contractIds)]), inArray(contractDirectory.state, ['active', 'expiring'])));
  const bands = await currentHealthBands(scope, rows.map((r) => r.customer_id));
  let alerts = 0;
  for (const contract of rows) {
    const prepare = () => runPlaybook(scope, 'renewal_preparation', { customer_id: contract.customer_id, contract_id: contract.id }, now);
    await prepare();
    const health = bands.get(contract.customer_id);
    if (!health || health.band === 'green') continue;
    const signal: RiskSignal = { customerId: contract.customer_id, cause: 'contract_expiry', trigger: { contract_id: contract.id, contract_no: contract.contract_no, end_date: contract.end_date, band: health.band, score: health.score } };
    alerts += (await openRiskAlerts(scope, [signal], now, async () => (await prepare()).tasks[0]?.id ?? null)).length;
  }
  return { prepared: rows.length, alerts };
}

const TITLE: Record<OpportunityPlay, string> = { early_renewal: '提前续约', retention_plan: '续约挽留', upsell: '扩容机会' };
const DUE_IN_DAYS: Record<TaskPriority, number> = { urgent: 3, high: 7, normal: 14, low: 30 };

/**
 * The business (Beijing) quarter of `now`, which bounds how often one opportunity is pushed.
 * @example businessQuarter(new Date('2026-03-31T17:00:00Z')) // '2026Q2' (1 April in Beijing)
 */
export const businessQuarter = (now: Date): string => {
  const day = businessDate(now);
  return `${day.slice(0, 4)}Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
};

/**
 * The daily opportunity push for one chunk of customers: the rules on set-wise facts, then, for each
 * opportunity not yet pushed this quarter (source key `opportunity:<kind>:<customer>:<quarter>`, checked in
 * one statement), a task for the customer's manager — `renewal_preparation` or `expansion`, its description
 * the strategy and the reasons — and an `opportunity.identified` event.
 * @returns the tasks created.
 * @example await pushOpportunities(scope, [7, 8, 9], new Date()) // 2
 */
export async function pushOpportunities(scope: RequestScope, customerIds: readonly number[], now: Date): Promise<number> {
  const facts = await opportunityFacts(scope, customerIds, now);
  const quarter = businessQuarter(now);
  const found = [...facts.values()].flatMap((f) => identifyOpportunities(f).map((o) => ({ customerId: f.customer_id, opportunity: o, key: `opportunity:${o.kind}:${f.customer_id}:${quarter}` })));
  if (found.length === 0) return 0;
  const pushed = await takenTaskSourceKeys(scope, found.map((f) => f.key));
  const fresh = found.filter((f) => !pushed.has(f.key));
  if (fresh.length === 0) return 0;
  const people = await scope.tx
    .select({ id: customerDirectory.id, name: customerDirectory.customer_name, manager: customerDirectory.assigned_manager_id })
    .from(customerDirectory)
    .where(and(eq(customerDirectory.tenant_id, scope.tenantId), inArray(customerDirectory.id, [...new Set(fresh.map((f) => f.customerId))])));
  const staff = new Set(await staffUserIds(scope, people.flatMap((p) => (p.manager === null ? [] : [p.manager]))));
  const byId = new Map(people.map((p) => [p.id, p]));
  const today = businessDate(now);
  let created = 0;
  for (const { customerId, opportunity, key } of fresh) {
    const customer = byId.get(customerId);
    const assignee = customer?.manager !== null && customer?.manager !== undefined && staff.has(customer.manager) ? customer.manager : null;
    const result = await createTask(scope, {
      title: `${TITLE[opportunity.play]}：${customer?.name ?? customerId}`,
      type: opportunity.kind === 'renewal' ? 'renewal_preparation' : 'expansion',
      description: opportunityDescription(opportunity),
      priority: opportunity.priority,
      assignee_id: assignee,
      due_date: addDays(today, DUE_IN_DAYS[opportunity.priority]),
      customer_id: customerId,
      contract_id: opportunity.contract_id,
      source_key: key,
    });
    if (!result.created) continue;
    created += 1;
    await emitEvent(scope, {
      type: 'opportunity.identified',
      entity_type: 'customer',
      entity_id: customerId,
      payload: { customer_id: customerId, kind: opportunity.kind, play: opportunity.play, priority: opportunity.priority, contract_id: opportunity.contract_id, task_id: result.task.id, quarter, strategy: opportunity.strategy, reasons: opportunity.reasons },
    });
  }
  return created;
}

const presentOpportunity = (o: Opportunity) => ({ kind: o.kind, play: o.play, strategy: o.strategy, reasons: o.reasons, priority: o.priority, contract_id: o.contract_id });

/**
 * What the success plays see of one visible customer now: its satisfaction trend (the facts the rule reads)
 * and its renewal and expansion opportunities, computed now (not stored). 404 for a customer the caller
 * may not see.
 * @example (await customerSuccessPlays(scope, 7)).opportunities.map((o) => o.play) // ['early_renewal']
 */
export async function customerSuccessPlays(scope: RequestScope, customerId: number, now = new Date()): Promise<CustomerSuccessPlays> {
  const customer = await findVisibleCustomer(scope, customerId);
  const trend = satisfactionTrend((await latestRatings(scope, [customer.id])).get(customer.id) ?? []);
  const facts = (await opportunityFacts(scope, [customer.id], now)).get(customer.id);
  return {
    customer_id: customer.id,
    satisfaction: {
      falling: trend.falling,
      latest: trend.latest,
      drop: trend.drop,
      window: trend.rules.window,
      max_latest: trend.rules.max_latest,
      ratings: trend.ratings.map((r) => ({ ...r, rated_at: formatLocalDateTime(new Date(r.rated_at)) })),
    },
    opportunities: facts ? identifyOpportunities(facts).map(presentOpportunity) : [],
    computed_at: formatLocalDateTime(now),
  };
}
