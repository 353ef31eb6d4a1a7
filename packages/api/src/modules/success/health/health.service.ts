/**
 * # Health recomputation
 *
 * `recomputeHealth` scores a set of customers at `asOf` with a fixed number of statements (features from
 * each module, one upsert of `health_scores`, one of the day's `health_score_history` row) and reports, for
 * each, what changed: the previous score and band, and the score about 30 days before — what the risk-alert
 * flow needs to see band drops and falls.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { insertJsonRows, type JsonColumn } from '../../../db/json-rows.ts';
import { rawRows } from '../../../db/raw-rows.ts';
import { addDays, businessDate } from '../../../platform/time/calendar-date.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { churnProbability, type ChurnModelParameters } from './churn-model.ts';
import { healthFeatures } from './health-features.service.ts';
import { healthPolicyOf, type HealthPolicy } from './health-policy.service.ts';
import { churnModels, healthScores, type HealthBand } from './health.schema.ts';
import { coldStartChurn, scoreHealth, type HealthResult } from './health-score.ts';
import { idArray } from '../../../db/id-array.ts';

/** One customer's new score and what it was before. */
export type HealthChange = HealthResult & {
  customer_id: number;
  churn_probability: number;
  model_version: string;
  previous: { score: number; band: HealthBand } | null;
  /** The score of the history row nearest to 30 days before `asOf` (within 90 days); null without one. */
  score_30d_ago: number | null;
  /** The band got worse (green → yellow/red, yellow → red). */
  band_dropped: boolean;
};

const BAND_RANK: Record<HealthBand, number> = { green: 2, yellow: 1, red: 0 };
const SCORE_COLUMNS: JsonColumn[] = [
  ['tenant_id', 'bigint'], ['customer_id', 'bigint'], ['score', 'smallint'], ['band', 'text'], ['churn_probability', 'numeric'], ['stage', 'text'],
  ['contributions', 'jsonb'], ['model_version', 'text'], ['trigger', 'text'], ['computed_at', 'timestamptz'],
];
const HISTORY_COLUMNS: JsonColumn[] = [['tenant_id', 'bigint'], ['customer_id', 'bigint'], ['day', 'date'], ['score', 'smallint'], ['band', 'text'], ['churn_probability', 'numeric'], ['contributions', 'jsonb']];

/** The tenant's newest active churn model, if it is one this code can score with. */
export async function activeChurnModel(scope: RequestScope): Promise<{ id: number; parameters: ChurnModelParameters } | null> {
  const [row] = await scope.tx
    .select({ id: churnModels.id, parameters: churnModels.parameters })
    .from(churnModels)
    .where(and(eq(churnModels.tenant_id, scope.tenantId), eq(churnModels.active, true)))
    .orderBy(desc(churnModels.id))
    .limit(1);
  return row && row.parameters.kind === 'logistic-regression' ? { id: row.id, parameters: row.parameters as ChurnModelParameters } : null;
}

/**
 * The scores about 30 days before `day` of many customers: the latest history row on or before day − 30,
 * else the oldest after it (a young history still shows a trend); only rows of the 90 days before `day`.
 */
export async function scoresAround30DaysAgo(scope: RequestScope, customerIds: readonly number[], day: string): Promise<Map<number, number>> {
  const cut = addDays(day, -30);
  const rows = rawRows<{ customer_id: unknown; score: unknown }>(
    await scope.tx.execute(sql`
      select distinct on (customer_id) customer_id, score from health_score_history
      where tenant_id = ${scope.tenantId} and customer_id = any(${idArray(customerIds)}) and day >= ${addDays(day, -90)}::date and day < ${day}::date
      order by customer_id, (day > ${cut}::date), abs(day - ${cut}::date)`),
  );
  return new Map(rows.map((row) => [Number(row.customer_id), Number(row.score)]));
}

/**
 * Recomputes the health of `customerIds` at `asOf` (callers chunk: ≤ 1,000 ids per call keeps one
 * transaction short), stores the scores and the day's history rows, and returns the changes. Ids of
 * customers that do not exist in the tenant are skipped.
 * @example const changes = await recomputeHealth(scope, [7], new Date(), 'service_record.created');
 */
export async function recomputeHealth(scope: RequestScope, customerIds: readonly number[], asOf: Date, trigger: string, policy?: HealthPolicy): Promise<HealthChange[]> {
  const unique = [...new Set(customerIds)];
  if (unique.length === 0) return [];
  const rules = policy ?? (await healthPolicyOf(scope));
  const model = await activeChurnModel(scope);
  const features = await healthFeatures(scope, unique, asOf);
  if (features.size === 0) return [];
  const scored = [...features.keys()];
  const before = await scope.tx
    .select({ customer_id: healthScores.customer_id, score: healthScores.score, band: healthScores.band })
    .from(healthScores)
    .where(and(eq(healthScores.tenant_id, scope.tenantId), inArray(healthScores.customer_id, scored)));
  const previous = new Map(before.map((row) => [row.customer_id, { score: row.score, band: row.band }]));
  const day = businessDate(asOf);
  const baseline = await scoresAround30DaysAgo(scope, scored, day);
  const modelVersion = model ? `churn-${model.id}` : `weights-${rules.version}`;
  const changes: HealthChange[] = scored.map((customerId) => {
    const f = features.get(customerId)!;
    const result = scoreHealth(f, rules.weights, rules.thresholds);
    const probability = model ? churnProbability(model.parameters, f) : coldStartChurn(result.score);
    const prior = previous.get(customerId) ?? null;
    return {
      ...result,
      customer_id: customerId,
      churn_probability: Math.round(probability * 10_000) / 10_000,
      model_version: modelVersion,
      previous: prior,
      score_30d_ago: baseline.get(customerId) ?? null,
      band_dropped: prior !== null && BAND_RANK[result.band] < BAND_RANK[prior.band],
    };
  });
  const computedAt = asOf.toISOString();
  const base = (c: HealthChange) => ({ tenant_id: scope.tenantId, customer_id: c.customer_id, score: c.score, band: c.band, churn_probability: c.churn_probability, contributions: c.contributions });
  await scope.tx.execute(sql`${insertJsonRows('health_scores', SCORE_COLUMNS, changes.map((c) => ({ ...base(c), stage: c.stage, model_version: c.model_version, trigger: trigger.slice(0, 60), computed_at: computedAt })))}
    on conflict (tenant_id, customer_id) do update set score = excluded.score, band = excluded.band, churn_probability = excluded.churn_probability,
      stage = excluded.stage, contributions = excluded.contributions, model_version = excluded.model_version, trigger = excluded.trigger, computed_at = excluded.computed_at`);
  await scope.tx.execute(sql`${insertJsonRows('health_score_history', HISTORY_COLUMNS, changes.map((c) => ({ ...base(c), day })))}
    on conflict (tenant_id, customer_id, day) do update set score = excluded.score, band = excluded.band, churn_probability = excluded.churn_probability, contributions = excluded.contributions`);
  return changes;
}

/**
 * The changes the risk-alert flow acts on: a band that got worse, a fall of at least `fall_points` against
 * the score about 30 days before, or a churn probability at or above the rule's threshold.
 * @example healthChanges(changes, policy.alert_rules).filter((c) => c.reasons.includes('band_dropped'))
 */
export function healthChanges(changes: readonly HealthChange[], rules: HealthPolicy['alert_rules']): (HealthChange & { fall_30d: number | null; reasons: ('band_dropped' | 'fell' | 'churn_risk')[] })[] {
  return changes
    .map((change) => {
      const fall = change.score_30d_ago === null ? null : change.score_30d_ago - change.score;
      const reasons = [
        ...(change.band_dropped ? (['band_dropped'] as const) : []),
        ...(fall !== null && fall >= rules.fall_points ? (['fell'] as const) : []),
        ...(change.churn_probability >= rules.churn_probability && (change.previous === null || change.band_dropped || change.previous.score > change.score) ? (['churn_risk'] as const) : []),
      ];
      return { ...change, fall_30d: fall, reasons };
    })
    .filter((change) => change.reasons.length > 0);
}
