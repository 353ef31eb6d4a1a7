/**
 * # Health score (REQ-016-010)
 *
 * Pure scoring of a customer's `HealthFeatures`: seven factors, each 0–100, combined by the weights of the
 * customer's lifecycle stage into a 0–100 score and a band. A factor without data is left out and the other
 * weights are renormalised; its contribution says so (`missing: true`, weight 0).
 *
 * Factor formulas (`clamp` to 0–100, linear between the points named):
 * - support_load: ticket volume (≤ 5 in 90 days → 100, 60 → 0) ½, trend (90d / previous 90d ≤ 1 → 100,
 *   ≥ 3 → 0) ¼, P1 share (0 → 100, ≥ 50% → 0) ¼; parts without data renormalised.
 * - sla: breach rate of decided targets (0 → 100, ≥ 50% → 0). Missing without decided targets.
 * - finance: overdue (overdue / 12 months' revenue 0 → 100, ≥ 30% → 0, minus up to 40 for days overdue up to
 *   90) 70%, revenue trend (12m / previous 12m ≥ 1 → 100, ≤ 0.5 → 0) 30%. Missing without invoices.
 * - satisfaction: mean rating (1 → 0, 5 → 100; 80 without ratings) + 15 × rating change, minus 15 per open
 *   complaint (≤ 45) and 5 per complaint in 90 days (≤ 20). Missing without ratings and complaints.
 * - engagement: logins in 30 days (0 → 0, ≥ 20 → 100, minus 30 × the fall against the 30 days before) and
 *   recency of contact (≤ 30 days → 100, ≥ 120 → 0), averaged. Missing without usage data and contact.
 * - contract: renewal proximity (≥ 180 days → 100, 90 → 70, 30 → 40, 0 → 20) minus 10 per amendment in 12
 *   months (≤ 30). Missing without a contract in force.
 * - operations: incidents (100 − 5 per incident − 15 per critical) and availability (≥ 99.9% → 100,
 *   ≤ 97% → 0), averaged. Missing without signals.
 */
import type { HealthBand } from './health.schema.ts';
import type { HealthFeatures } from './health-features.ts';

export const HEALTH_FACTORS = ['support_load', 'sla', 'finance', 'satisfaction', 'engagement', 'contract', 'operations'] as const;
export type HealthFactor = (typeof HEALTH_FACTORS)[number];
export const HEALTH_STAGES = ['onboarding', 'established', 'renewal'] as const;
export type HealthStage = (typeof HEALTH_STAGES)[number];
export type StageWeights = Record<HealthStage, Record<HealthFactor, number>>;
export type HealthThresholds = { green: number; yellow: number };

export const FACTOR_LABELS: Record<HealthFactor, { zh: string; en: string }> = {
  support_load: { zh: '服务负荷', en: 'Support load' },
  sla: { zh: 'SLA 达成', en: 'SLA attainment' },
  finance: { zh: '财务', en: 'Finance' },
  satisfaction: { zh: '满意度', en: 'Satisfaction' },
  engagement: { zh: '活跃度', en: 'Engagement' },
  contract: { zh: '合同', en: 'Contract' },
  operations: { zh: '运行状态', en: 'Operations' },
};

/** Default weights: onboarding leans on engagement, renewal on contract and satisfaction. Each stage sums to 100. */
export const DEFAULT_WEIGHTS: StageWeights = {
  onboarding: { support_load: 15, sla: 15, finance: 10, satisfaction: 15, engagement: 30, contract: 5, operations: 10 },
  established: { support_load: 15, sla: 20, finance: 15, satisfaction: 20, engagement: 10, contract: 10, operations: 10 },
  renewal: { support_load: 10, sla: 15, finance: 15, satisfaction: 20, engagement: 15, contract: 15, operations: 10 },
};
export const DEFAULT_THRESHOLDS: HealthThresholds = { green: 70, yellow: 40 };
export const DEFAULT_ALERT_RULES = { fall_points: 15, churn_probability: 0.6 };

/** One factor's share of the score; `points` of all factors sum to the score exactly. */
export type ScoredContribution = {
  factor: HealthFactor;
  label: { zh: string; en: string };
  value: number | null;
  score: number | null;
  /** The effective weight share (0–1) after leaving out missing factors. */
  weight: number;
  points: number;
  missing: boolean;
};
export type HealthResult = { score: number; band: HealthBand; stage: HealthStage; contributions: ScoredContribution[] };

const clamp = (x: number) => Math.min(100, Math.max(0, x));
/** Linear from (x0 → y0) to (x1 → y1), flat outside. */
const ramp = (x: number, x0: number, y0: number, x1: number, y1: number) => (x <= Math.min(x0, x1) ? (x0 < x1 ? y0 : y1) : x >= Math.max(x0, x1) ? (x0 < x1 ? y1 : y0) : y0 + ((x - x0) * (y1 - y0)) / (x1 - x0));
const round1 = (x: number) => Math.round(x * 10) / 10;

/** Weighted mean of the parts that have data; null when none has. */
function blend(parts: [score: number | null, weight: number][]): number | null {
  const present = parts.filter((p): p is [number, number] => p[0] !== null);
  const total = present.reduce((sum, [, w]) => sum + w, 0);
  return total > 0 ? present.reduce((sum, [s, w]) => sum + s * w, 0) / total : null;
}

type FactorScore = { value: number | null; score: number | null };

/** Each factor's score (0–100) and the value it shows; `score: null` when the factor has no data. */
export function factorScores(f: HealthFeatures): Record<HealthFactor, FactorScore> {
  const volume = ramp(f.tickets_90d, 5, 100, 60, 0);
  const trend = f.tickets_trend === null ? null : ramp(f.tickets_trend, 1, 100, 3, 0);
  const p1 = f.p1_share_90d === null ? null : ramp(f.p1_share_90d, 0, 100, 0.5, 0);
  const hasFinance = f.overdue_ratio !== null || f.revenue_trend !== null;
  const overdue = f.overdue_ratio === null ? null : clamp(ramp(f.overdue_ratio, 0, 100, 0.3, 0) - ramp(f.max_days_overdue, 0, 0, 90, 40));
  const revenue = f.revenue_trend === null ? null : ramp(f.revenue_trend, 0.5, 0, 1, 100);
  const complaintsKnown = f.open_complaints > 0 || f.complaints_90d > 0;
  const rating = f.rating_90d === null ? 80 : ramp(f.rating_90d, 1, 0, 5, 100);
  const satisfaction = clamp(rating + 15 * (f.rating_trend ?? 0) - Math.min(45, 15 * f.open_complaints) - Math.min(20, 5 * f.complaints_90d));
  const usageKnown = f.logins_30d > 0 || f.login_trend !== null;
  const logins = usageKnown ? clamp(ramp(f.logins_30d, 0, 0, 20, 100) - (f.login_trend !== null && f.login_trend < 1 ? 30 * (1 - f.login_trend) : 0)) : null;
  const contact = f.days_since_contact === null ? null : ramp(f.days_since_contact, 30, 100, 120, 0);
  const d = f.days_to_contract_end;
  const proximity = d === null ? null : d >= 90 ? ramp(d, 90, 70, 180, 100) : d >= 30 ? ramp(d, 30, 40, 90, 70) : ramp(d, 0, 20, 30, 40);
  const opsKnown = f.availability_90d !== null || f.incidents_90d > 0 || f.critical_incidents_90d > 0;
  const incidents = clamp(100 - 5 * f.incidents_90d - 15 * f.critical_incidents_90d);
  const availability = f.availability_90d === null ? null : ramp(f.availability_90d, 97, 0, 99.9, 100);
  return {
    support_load: { value: f.tickets_90d, score: blend([[volume, 2], [trend, 1], [p1, 1]]) },
    sla: { value: f.breach_rate_90d, score: f.breach_rate_90d === null ? null : ramp(f.breach_rate_90d, 0, 100, 0.5, 0) },
    finance: { value: f.overdue_ratio, score: hasFinance ? blend([[overdue, 7], [revenue, 3]]) : null },
    satisfaction: { value: f.rating_90d, score: f.rating_90d !== null || complaintsKnown ? satisfaction : null },
    engagement: { value: usageKnown ? f.logins_30d : f.days_since_contact, score: blend([[logins, 1], [contact, 1]]) },
    contract: { value: d, score: proximity === null ? null : clamp(proximity - Math.min(30, 10 * f.amendments_12m)) },
    operations: { value: f.availability_90d ?? f.incidents_90d, score: opsKnown ? blend([[incidents, 1], [availability, 1]]) : null },
  };
}

/**
 * The lifecycle stage whose weights apply: `renewal` when the contract in force ends within 90 days, else
 * `onboarding` during the first 90 days (or before any contract), else `established`.
 * @example healthStage({ ...features, days_to_contract_end: 30 }) // 'renewal'
 */
export function healthStage(f: Pick<HealthFeatures, 'days_to_contract_end' | 'tenure_days'>): HealthStage {
  if (f.days_to_contract_end !== null && f.days_to_contract_end <= 90) return 'renewal';
  if (f.tenure_days === null || f.tenure_days < 90) return 'onboarding';
  return 'established';
}

/**
 * green at or above `green`, red below `yellow`, yellow between.
 * @example healthBand(55, { green: 70, yellow: 40 }) // 'yellow'
 */
export function healthBand(score: number, thresholds: HealthThresholds): HealthBand {
  return score >= thresholds.green ? 'green' : score < thresholds.yellow ? 'red' : 'yellow';
}

/**
 * Points in tenths that add up to the rounded score exactly: each share rounded to a tenth, then the
 * difference (the score is rounded to a whole point) taken from or given to the largest shares.
 */
function apportion(exact: number[], total: number): number[] {
  const tenths = exact.map((p) => Math.round(p * 10));
  let left = Math.round(total * 10) - tenths.reduce((a, b) => a + b, 0);
  const order = exact.map((p, i) => [p, i] as const).filter(([p]) => p > 0).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left !== 0 && order.length > 0; k = (k + 1) % order.length) {
    const step = Math.sign(left);
    tenths[order[k]![1]]! += step;
    left -= step;
  }
  return tenths.map((t) => t / 10);
}

/**
 * Scores a customer: stage weights, missing factors left out and the rest renormalised, weighted mean,
 * band. Contributions come largest points first.
 * @example scoreHealth(features).score // 76
 */
export function scoreHealth(features: HealthFeatures, weights: StageWeights = DEFAULT_WEIGHTS, thresholds: HealthThresholds = DEFAULT_THRESHOLDS): HealthResult {
  const stage = healthStage(features);
  const factors = factorScores(features);
  const stageWeights = weights[stage];
  const present = HEALTH_FACTORS.filter((name) => factors[name].score !== null && (stageWeights[name] ?? 0) > 0);
  const total = present.reduce((sum, name) => sum + stageWeights[name], 0);
  const share = (name: HealthFactor) => (present.includes(name) && total > 0 ? stageWeights[name] / total : 0);
  const exact = HEALTH_FACTORS.map((name) => share(name) * (factors[name].score ?? 0));
  // No factor with data and weight: a neutral 50 rather than an alarming 0.
  const score = present.length > 0 ? Math.round(exact.reduce((a, b) => a + b, 0)) : 50;
  const points = present.length > 0 ? apportion(exact, score) : exact.map(() => 0);
  const contributions = HEALTH_FACTORS.map((name, i) => ({
    factor: name,
    label: FACTOR_LABELS[name],
    value: factors[name].value === null ? null : Math.round(factors[name].value! * 1000) / 1000,
    score: factors[name].score === null ? null : round1(factors[name].score!),
    weight: Math.round(share(name) * 10_000) / 10_000,
    points: points[i]!,
    missing: factors[name].score === null,
  }));
  contributions.sort((a, b) => b.points - a.points || Number(a.missing) - Number(b.missing));
  return { score, band: healthBand(score, thresholds), stage, contributions };
}

/**
 * The cold-start churn probability when the tenant has no trained model: a logistic of the score,
 * σ((55 − score) / 8) — 50% at 55 points, ~13% at 70, ~87% at 40.
 * @example coldStartChurn(55) // 0.5
 */
export function coldStartChurn(score: number): number {
  return 1 / (1 + Math.exp(-(55 - score) / 8));
}

/**
 * high at or above `threshold`, medium at or above half of it, low below.
 * @example churnRisk(0.7, 0.6) // 'high'
 */
export function churnRisk(probability: number, threshold: number): 'high' | 'medium' | 'low' {
  return probability >= threshold ? 'high' : probability >= threshold / 2 ? 'medium' : 'low';
}
