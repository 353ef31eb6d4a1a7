import { eq, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { ApiError } from '../../../platform/errors.ts';
import './health.errors.ts';
import type { RequestScope } from '../../../platform/request-context.ts';
import { healthPolicies } from './health.schema.ts';
import { DEFAULT_ALERT_RULES, DEFAULT_THRESHOLDS, DEFAULT_WEIGHTS, HEALTH_FACTORS, HEALTH_STAGES, type HealthThresholds, type StageWeights } from './health-score.ts';

/** A tenant's health policy as the API shows it; `version` 0 and `is_default` until one is stored. */
export type HealthPolicy = {
  thresholds: HealthThresholds;
  weights: StageWeights;
  alert_rules: { fall_points: number; churn_probability: number };
  is_default: boolean;
  version: number;
};
export type HealthPolicyInput = Pick<HealthPolicy, 'thresholds' | 'alert_rules'> & { weights: Record<string, Record<string, number>> };

/** Stored weights over the defaults: a stage or factor the tenant never set keeps its default weight. */
function mergedWeights(stored: Record<string, Record<string, number>>): StageWeights {
  return Object.fromEntries(HEALTH_STAGES.map((stage) => [stage, { ...DEFAULT_WEIGHTS[stage], ...(stored[stage] ?? {}) }])) as StageWeights;
}

/**
 * The stored policy or the defaults in code.
 * @example (await healthPolicyOf(scope)).thresholds // { green: 70, yellow: 40 }
 */
export async function healthPolicyOf(scope: RequestScope): Promise<HealthPolicy> {
  const [row] = await scope.tx.select().from(healthPolicies).where(eq(healthPolicies.tenant_id, scope.tenantId));
  if (!row) return { thresholds: DEFAULT_THRESHOLDS, weights: DEFAULT_WEIGHTS, alert_rules: DEFAULT_ALERT_RULES, is_default: true, version: 0 };
  return { thresholds: row.thresholds, weights: mergedWeights(row.weights), alert_rules: row.alert_rules, is_default: false, version: row.version };
}

/**
 * What is wrong with a policy beyond its shape; empty when it is fine.
 * @example healthPolicyProblems({ thresholds: { green: 40, yellow: 70 }, ... }) // ['thresholds.green must be greater than thresholds.yellow']
 */
export function healthPolicyProblems(input: HealthPolicyInput): string[] {
  const problems: string[] = [];
  const { green, yellow } = input.thresholds;
  for (const [name, value] of Object.entries(input.thresholds)) if (!Number.isInteger(value) || value < 1 || value > 99) problems.push(`thresholds.${name} must be a whole number from 1 to 99`);
  if (!(green > yellow)) problems.push('thresholds.green must be greater than thresholds.yellow');
  if (!(input.alert_rules.fall_points > 0 && input.alert_rules.fall_points <= 100)) problems.push('alert_rules.fall_points must be more than 0 and at most 100');
  if (!(input.alert_rules.churn_probability > 0 && input.alert_rules.churn_probability < 1)) problems.push('alert_rules.churn_probability must be between 0 and 1');
  for (const [stage, weights] of Object.entries(input.weights)) {
    if (!(HEALTH_STAGES as readonly string[]).includes(stage)) {
      problems.push(`weights.${stage}: unknown stage (known: ${HEALTH_STAGES.join(', ')})`);
      continue;
    }
    for (const [factor, weight] of Object.entries(weights)) {
      if (!(HEALTH_FACTORS as readonly string[]).includes(factor)) problems.push(`weights.${stage}.${factor}: unknown factor (known: ${HEALTH_FACTORS.join(', ')})`);
      else if (!Number.isFinite(weight) || weight < 0) problems.push(`weights.${stage}.${factor} must not be negative`);
    }
  }
  for (const stage of HEALTH_STAGES) {
    const merged = { ...DEFAULT_WEIGHTS[stage], ...(input.weights[stage] ?? {}) };
    if (!Object.values(merged).some((w) => w > 0)) problems.push(`weights.${stage} needs at least one positive weight`);
  }
  return problems;
}

/**
 * Replaces the tenant's policy when `expected` is still the version in force (`null`: any).
 * @example await putHealthPolicy(scope, 0, { thresholds: { green: 75, yellow: 45 }, weights: {}, alert_rules: { fall_points: 10, churn_probability: 0.5 } })
 */
export async function putHealthPolicy(scope: RequestScope, expected: number | null, input: HealthPolicyInput): Promise<HealthPolicy> {
  const problems = healthPolicyProblems(input);
  if (problems.length) throw new ApiError('health.policy_invalid', { problems });
  await scope.tx.execute(sql`select pg_advisory_xact_lock(hashtext('crm.health_policy'), ${scope.tenantId}::int)`);
  const before = await healthPolicyOf(scope);
  if (expected !== null && expected !== before.version) throw new ApiError('precondition.failed', { current_version: before.version });
  const weights = mergedWeights(input.weights);
  const values = { thresholds: input.thresholds, weights, alert_rules: input.alert_rules };
  await scope.tx
    .insert(healthPolicies)
    .values({ tenant_id: scope.tenantId, ...values })
    .onConflictDoUpdate({ target: healthPolicies.tenant_id, set: { ...values, version: sql`${healthPolicies.version} + 1`, updated_at: new Date() } });
  const after = await healthPolicyOf(scope);
  await audit(scope, { action: 'health_policy.updated', entity_type: 'health_policy', entity_id: scope.tenantId, before, after });
  return after;
}
