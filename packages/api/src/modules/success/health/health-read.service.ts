import { and, asc, eq, gt, lte, or, type SQL } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { addDays, businessDate } from '../../../platform/time/calendar-date.ts';
import { ApiError } from '../../../platform/errors.ts';
import { formatLocalDateTime } from '../../../platform/time/local-time.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { customerDirectory, visibleCustomers } from '../../customers/customers/customers.public.ts';
import { healthPolicyOf, type HealthPolicy } from './health-policy.service.ts';
import { churnModels, healthScoreHistory, healthScores, type HealthBand, type HealthScoreRow } from './health.schema.ts';
import { churnRisk, type HealthStage, type ScoredContribution } from './health-score.ts';
import { recomputeHealth } from './health.service.ts';

/** `GET /customers/{id}/health` as the API shows it. */
export type CustomerHealth = {
  customer_id: number;
  score: number;
  band: HealthBand;
  thresholds: { green: number; yellow: number };
  stage: HealthStage;
  trend: { delta_30d: number | null; direction: 'up' | 'down' | 'flat'; history: { day: string; score: number }[] };
  churn_probability: number | null;
  churn_risk: 'high' | 'medium' | 'low' | null;
  contributions: ScoredContribution[];
  model_version: string;
  computed_at: string;
};

/** A change of fewer points than this is noise: the trend reads `flat`. */
const FLAT_POINTS = 3;
/** `2026-11-26T16:36:07+08:00`: business time as ISO with its offset, as the timeline shows instants. */
const localIso = (date: Date): string => `${formatLocalDateTime(date).replace(' ', 'T')}+08:00`;

async function assertVisible(scope: RequestScope, customerId: number): Promise<void> {
  const [row] = await scope.tx.select({ id: customerDirectory.id }).from(customerDirectory).where(and(visibleCustomers(scope, customerDirectory), eq(customerDirectory.id, customerId)));
  if (!row) throw new ApiError('customer.not_found', { id: customerId });
}

/** The high-risk threshold in force for a score: the trained model's, or the policy's alert rule. */
async function highRiskThreshold(scope: RequestScope, modelVersion: string, policy: HealthPolicy): Promise<number> {
  const match = /^churn-(\d+)$/.exec(modelVersion);
  if (!match) return policy.alert_rules.churn_probability;
  const [model] = await scope.tx.select({ parameters: churnModels.parameters }).from(churnModels).where(and(eq(churnModels.tenant_id, scope.tenantId), eq(churnModels.id, Number(match[1]))));
  const threshold = model?.parameters.high_risk_threshold;
  return typeof threshold === 'number' ? threshold : policy.alert_rules.churn_probability;
}

/**
 * A customer's health with its trend (90 days of history) and why; computed and stored on the first read.
 * @example (await customerHealth(scope, 7)).band // 'yellow'
 */
export async function customerHealth(scope: RequestScope, customerId: number, now = new Date()): Promise<CustomerHealth> {
  await assertVisible(scope, customerId);
  const policy = await healthPolicyOf(scope);
  const read = async () => (await scope.tx.select().from(healthScores).where(and(eq(healthScores.tenant_id, scope.tenantId), eq(healthScores.customer_id, customerId))))[0];
  let row: HealthScoreRow | undefined = await read();
  if (!row) {
    await recomputeHealth(scope, [customerId], now, 'first_read', policy);
    row = (await read())!;
  }
  const day = businessDate(row.computed_at);
  const history = await scope.tx
    .select({ day: healthScoreHistory.day, score: healthScoreHistory.score })
    .from(healthScoreHistory)
    .where(and(eq(healthScoreHistory.tenant_id, scope.tenantId), eq(healthScoreHistory.customer_id, customerId), gt(healthScoreHistory.day, addDays(day, -90)), lte(healthScoreHistory.day, day)))
    .orderBy(asc(healthScoreHistory.day));
  const cut = addDays(day, -30);
  const earlier = history.filter((h) => h.day < day);
  const baseline = earlier.filter((h) => h.day <= cut).at(-1) ?? earlier.find((h) => h.day > cut);
  const delta = baseline ? row.score - baseline.score : null;
  const probability = row.churn_probability === null ? null : Number(row.churn_probability);
  return {
    customer_id: customerId,
    score: row.score,
    band: row.band,
    thresholds: policy.thresholds,
    stage: row.stage as HealthStage,
    trend: { delta_30d: delta, direction: delta === null || Math.abs(delta) < FLAT_POINTS ? 'flat' : delta > 0 ? 'up' : 'down', history },
    churn_probability: probability,
    churn_risk: probability === null ? null : churnRisk(probability, await highRiskThreshold(scope, row.model_version, policy)),
    contributions: [...(row.contributions as unknown as ScoredContribution[])].sort((a, b) => b.points - a.points),
    model_version: row.model_version,
    computed_at: localIso(row.computed_at),
  };
}

/**
 * Recomputes one visible customer now (or at `asOf`) and returns the result as `customerHealth` shows it.
 * @example await recomputeCustomerHealth(scope, 7)
 */
export async function recomputeCustomerHealth(scope: RequestScope, customerId: number, asOf = new Date()): Promise<CustomerHealth> {
  await assertVisible(scope, customerId);
  const [change] = await recomputeHealth(scope, [customerId], asOf, 'manual');
  await audit(scope, { action: 'health.recomputed', entity_type: 'customer', entity_id: customerId, before: change?.previous ?? null, after: { score: change?.score, band: change?.band, as_of: asOf.toISOString() } });
  return customerHealth(scope, customerId, asOf);
}

export type HealthListItem = { customer_id: number; customer_name: string; score: number; band: HealthBand; stage: string; churn_probability: number | null; computed_at: string };

/**
 * The at-risk list: visible customers with a score, lowest score first, keyset-paginated on (score, id).
 * @example await listHealth(scope, { band: 'red', limit: 20 })
 */
export async function listHealth(scope: RequestScope, query: { band?: HealthBand; limit: number; cursor?: string }): Promise<{ items: HealthListItem[]; next_cursor: string | null }> {
  const after = decodeCursor(query.cursor);
  const conditions: (SQL | undefined)[] = [visibleCustomers(scope, customerDirectory), eq(healthScores.tenant_id, scope.tenantId), query.band ? eq(healthScores.band, query.band) : undefined];
  if (after) {
    const score = Number(after.value);
    if (!Number.isFinite(score)) throw new ApiError('request.cursor_invalid');
    conditions.push(or(gt(healthScores.score, score), and(eq(healthScores.score, score), gt(healthScores.customer_id, after.id))));
  }
  const rows = await scope.tx
    .select({ customer_id: healthScores.customer_id, customer_name: customerDirectory.customer_name, score: healthScores.score, band: healthScores.band, stage: healthScores.stage, churn_probability: healthScores.churn_probability, computed_at: healthScores.computed_at })
    .from(healthScores)
    .innerJoin(customerDirectory, and(eq(customerDirectory.tenant_id, healthScores.tenant_id), eq(customerDirectory.id, healthScores.customer_id)))
    .where(and(...conditions))
    .orderBy(asc(healthScores.score), asc(healthScores.customer_id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({ ...row, churn_probability: row.churn_probability === null ? null : Number(row.churn_probability), computed_at: localIso(row.computed_at) })),
    next_cursor: rows.length > query.limit && last ? encodeCursor({ value: last.score, id: last.customer_id }) : null,
  };
}
